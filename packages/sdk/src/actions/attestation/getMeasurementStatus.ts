import type { Address, Chain, Client, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { MeasurementStatus } from "../../types/attestation.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetMeasurementStatusParameters {
  measurement: Hex;
  /** Default: the chain's `enclavePolicy`. */
  enclavePolicyAddress?: Address | undefined;
}

/** `Unknown`, `Approved` or `Revoked` (for ever). */
export type GetMeasurementStatusReturnType = MeasurementStatus;

export type GetMeasurementStatusErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * A measurement's standing in EnclavePolicy: only nodes running an approved, unrevoked measurement
 * may register, and a revocation disables every node running it at once.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * if ((await getMeasurementStatus(publicClient, { measurement })) === MeasurementStatus.Approved) …
 */
export async function getMeasurementStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: GetMeasurementStatusParameters,
): Promise<GetMeasurementStatusReturnType> {
  const status = await readContract(client, {
    ...protocolContract(client, "enclavePolicy", parameters.enclavePolicyAddress),
    functionName: "measurementStatus",
    args: [parameters.measurement],
  });
  return status as MeasurementStatus;
}
