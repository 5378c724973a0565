import type { Account, Address, Chain, Client, Hash, Hex, LocalAccount, Transport } from "viem";
import type { DuplicateAuditorSignatureError, InvalidAttestationInputError } from "../../attestation/errors.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { AuditorSignature } from "../../types/attestation.ts";
import { sendMeasurementStatement, type MeasurementStatementErrorType } from "./sendMeasurementStatement.ts";
import type { TransactionOverrides } from "../../utils/sendProtocolTransaction.ts";

export type ApproveMeasurementParameters = TransactionOverrides & {
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

export type ApproveMeasurementReturnType = Hash;

export type ApproveMeasurementErrorType =
  | DuplicateAuditorSignatureError
  | InvalidAttestationInputError
  | ProtocolContractNotFoundError
  | MeasurementStatementErrorType;

/**
 * Approves an enclave measurement in EnclavePolicy on the signatures of `threshold` auditors
 * (EIP-712 `ApproveMeasurement(measurement, policyVersion, deadline)`), sent from any account.
 * Give the collected `signatures` (and the `deadline` they signed), or the auditors' `auditors`
 * accounts to sign here.
 * @throws {DuplicateAuditorSignatureError} when two signatures come from one auditor (nothing is sent).
 * @throws {ContractCallRevertedError} when the policy would refuse (`EnclavePolicy_NotAuditor`,
 *   `EnclavePolicy_InsufficientSignatures`, `EnclavePolicy_SignaturesExpired`,
 *   `EnclavePolicy_MeasurementAlreadyApproved`, `EnclavePolicy_MeasurementRevoked`, …).
 * @example
 * await approveMeasurement(walletClient, { measurement, signatures, deadline });
 * await approveMeasurement(walletClient, { measurement, auditors: [auditorA, auditorB] });
 */
export async function approveMeasurement(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ApproveMeasurementParameters,
): Promise<ApproveMeasurementReturnType> {
  return sendMeasurementStatement(client, "ApproveMeasurement", parameters);
}
