import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { DuplicateAuditorSignatureError, InvalidAttestationInputError } from "../../attestation/errors.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import {
  sendMeasurementStatement,
  type MeasurementStatementErrorType,
  type MeasurementStatementParameters,
} from "../../utils/sendMeasurementStatement.ts";

/** The measurement and the auditors' signatures (collected, or signed here by `auditors`). */
export type ApproveMeasurementParameters = MeasurementStatementParameters;

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
