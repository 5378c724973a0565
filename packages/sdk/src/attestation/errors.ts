import { BaseError } from "../errors/BaseError.ts";

/** A report is not exactly `DEV_REPORT_LENGTH` bytes (`DevAttestationVerifier_InvalidLength`). */
export class InvalidReportLengthError extends BaseError {
  readonly code = "INVALID_REPORT_LENGTH";
}

/** A report's format version is not supported (`DevAttestationVerifier_UnsupportedFormat`). */
export class UnsupportedReportFormatError extends BaseError {
  readonly code = "UNSUPPORTED_REPORT_FORMAT";
}

/** A report signature is malformed or malleable (`DevAttestationVerifier_InvalidSignature`). */
export class InvalidReportSignatureError extends BaseError {
  readonly code = "INVALID_REPORT_SIGNATURE";
}

/** A report was signed by another key than the expected vendor (`DevAttestationVerifier_WrongSigner`). */
export class WrongReportSignerError extends BaseError {
  readonly code = "WRONG_REPORT_SIGNER";
}

/** A TCB status byte names no `TcbStatus` (`DevAttestationVerifier_UnknownTcbStatus`). */
export class UnknownTcbStatusError extends BaseError {
  readonly code = "UNKNOWN_TCB_STATUS";
}

/** An input to an attestation helper has the wrong size or range (a field of a report, a block hash, …). */
export class InvalidAttestationInputError extends BaseError {
  readonly code = "INVALID_ATTESTATION_INPUT";
}

/** Two auditor signatures come from the same signer; the policy would refuse them. */
export class DuplicateAuditorSignatureError extends BaseError {
  readonly code = "DUPLICATE_AUDITOR_SIGNATURE";
}
