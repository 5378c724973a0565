import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetEnclavePolicyParameters {
  /** Default: the chain's `enclavePolicy`. */
  enclavePolicyAddress?: Address | undefined;
}

export interface GetEnclavePolicyReturnType {
  /** The attestation verifier in use (dev or DCAP). */
  verifier: Address;
  /** The auditors, ascending. */
  auditors: Address[];
  /** Auditor signatures an approval or revocation needs. */
  threshold: bigint;
  /** Bumped whenever the auditor set or threshold changes: signatures over an older version no longer count. */
  policyVersion: bigint;
  /** Bit i set: `TeeType` i accepted (`teeTypeMask`). */
  acceptedTeeTypes: number;
  /** Bit i set: `TcbStatus` i accepted (`tcbStatusMask`). */
  acceptedTcbStatuses: number;
  /** L1 blocks a report's bound block may be old at registration. */
  maxReportAge: bigint;
  /** Seconds an attestation lasts. */
  keyLifetime: bigint;
}

export type GetEnclavePolicyErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * EnclavePolicy's rules: the verifier, the auditors and their threshold, the policy version
 * auditors sign over, and the accepted TEE types, TCB statuses, report age and key lifetime.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const { auditors, threshold, policyVersion } = await getEnclavePolicy(publicClient, {});
 */
export async function getEnclavePolicy(
  client: Client<Transport, Chain | undefined>,
  parameters: GetEnclavePolicyParameters = {},
): Promise<GetEnclavePolicyReturnType> {
  const contract = protocolContract(client, "enclavePolicy", parameters.enclavePolicyAddress);
  const [
    verifier,
    auditors,
    threshold,
    policyVersion,
    acceptedTeeTypes,
    acceptedTcbStatuses,
    maxReportAge,
    keyLifetime,
  ] = await Promise.all([
    readContract(client, { ...contract, functionName: "verifier" }),
    readContract(client, { ...contract, functionName: "auditors" }),
    readContract(client, { ...contract, functionName: "threshold" }),
    readContract(client, { ...contract, functionName: "policyVersion" }),
    readContract(client, { ...contract, functionName: "acceptedTeeTypes" }),
    readContract(client, { ...contract, functionName: "acceptedTcbStatuses" }),
    readContract(client, { ...contract, functionName: "maxReportAge" }),
    readContract(client, { ...contract, functionName: "keyLifetime" }),
  ]);
  return {
    verifier,
    auditors: [...auditors],
    threshold,
    policyVersion,
    acceptedTeeTypes,
    acceptedTcbStatuses,
    maxReportAge,
    keyLifetime,
  };
}
