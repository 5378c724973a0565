import type {
  Account,
  Address,
  Chain,
  Client,
  GetBlockErrorType,
  Hash,
  Hex,
  LocalAccount,
  ReadContractErrorType,
  Transport,
} from "viem";
import { getBlock, getChainId, readContract } from "viem/actions";
import { protocolCall } from "./protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "./sendProtocolTransaction.ts";
import { signMeasurementStatement } from "./signMeasurementStatement.ts";
import { sortAuditorSignatures } from "./sortAuditorSignatures.ts";
import type { MeasurementStatement } from "./getMeasurementTypedData.ts";
import type { AuditorSignature } from "../types/attestation.ts";

/** How long signatures made here stay valid: one hour after the latest block. */
const DEFAULT_VALIDITY_SECONDS = 3600n;

/** An auditors' statement to submit: the measurement, and the signatures or the auditors who sign. */
export type MeasurementStatementParameters = TransactionOverrides & {
  /** The enclave measurement (MRENCLAVE, or the TDX measurement digest) to approve. */
  measurement: Hex;
  /** Default: the chain's `enclavePolicy`. */
  enclavePolicyAddress?: Address | undefined;
} & (
    | {
        /** Signatures collected from `threshold` auditors (`signMeasurementStatement`), in any order. */
        signatures: readonly AuditorSignature[];
        /** The deadline the auditors signed (unix seconds). */
        deadline: bigint;
        auditors?: undefined;
      }
    | {
        /** Auditor accounts that sign here, over the policy's current version. */
        auditors: readonly LocalAccount[];
        /** Until when the signatures count (unix seconds). Default: the latest block's time plus one hour. */
        deadline?: bigint | undefined;
        signatures?: undefined;
      }
  );

export type MeasurementStatementErrorType =
  ReadContractErrorType | GetBlockErrorType | SendProtocolTransactionErrorType;

/**
 * Submits an auditors' statement (approve or revoke) to EnclavePolicy: signs it with the given
 * auditor accounts first when no signatures are given, then sends the signatures in the order the
 * policy requires. Shared by `approveMeasurement` and `revokeMeasurement`.
 */
export async function sendMeasurementStatement(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  statement: MeasurementStatement,
  parameters: MeasurementStatementParameters,
): Promise<Hash> {
  const { measurement, enclavePolicyAddress, signatures, auditors, deadline, ...overrides } = parameters;
  const call = protocolCall(client, "enclavePolicy", enclavePolicyAddress);
  let signed = signatures;
  let signedDeadline = deadline;
  if (auditors) {
    const [policyVersion, chainId, until] = await Promise.all([
      readContract(client, { ...call, functionName: "policyVersion" }),
      client.chain?.id ?? getChainId(client),
      deadline ?? getBlock(client).then((block) => block.timestamp + DEFAULT_VALIDITY_SECONDS),
    ]);
    signedDeadline = until;
    signed = await Promise.all(
      auditors.map((auditor) =>
        signMeasurementStatement({
          auditor,
          statement,
          chainId,
          policy: call.address,
          measurement,
          policyVersion,
          deadline: until,
        }),
      ),
    );
  }
  return sendProtocolTransaction(client, {
    ...overrides,
    ...call,
    functionName: statement === "ApproveMeasurement" ? "approveMeasurement" : "revokeMeasurement",
    args: [measurement, signedDeadline!, sortAuditorSignatures(signed!)],
  });
}
