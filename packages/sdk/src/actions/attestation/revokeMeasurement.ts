import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { DuplicateAuditorSignatureError, InvalidAttestationInputError } from "../../attestation/errors.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { ApproveMeasurementParameters } from "./approveMeasurement.ts";
import { sendMeasurementStatement, type MeasurementStatementErrorType } from "../../utils/sendMeasurementStatement.ts";

/** The measurement to revoke and the auditors' signatures (collected, or signed here): as {@link ApproveMeasurementParameters}. */
export type RevokeMeasurementParameters = ApproveMeasurementParameters;

export type RevokeMeasurementReturnType = Hash;

export type RevokeMeasurementErrorType =
  | DuplicateAuditorSignatureError
  | InvalidAttestationInputError
  | ProtocolContractNotFoundError
  | MeasurementStatementErrorType;

/**
 * Revokes an enclave measurement for ever on the signatures of `threshold` auditors (EIP-712
 * `RevokeMeasurement(measurement, policyVersion, deadline)`): every node running it stops being
 * active at once. Sent from any account. (The council can revoke alone: `revokeMeasurementByCouncil`.)
 * @throws {DuplicateAuditorSignatureError} when two signatures come from one auditor (nothing is sent).
 * @throws {ContractCallRevertedError} when the policy would refuse (`EnclavePolicy_NotAuditor`,
 *   `EnclavePolicy_InsufficientSignatures`, `EnclavePolicy_SignaturesExpired`, `EnclavePolicy_MeasurementRevoked`, …).
 * @example
 * await revokeMeasurement(walletClient, { measurement, auditors: [auditorA, auditorB] });
 */
export async function revokeMeasurement(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RevokeMeasurementParameters,
): Promise<RevokeMeasurementReturnType> {
  return sendMeasurementStatement(client, "RevokeMeasurement", parameters);
}
