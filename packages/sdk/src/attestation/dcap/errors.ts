import { BaseError, type BaseErrorParameters } from "../../errors/BaseError.ts";

/**
 * Why a DCAP quote, certificate, CRL or collateral item was refused. Codes are stable: callers
 * and tests match on them, never on the message. They mirror the custom errors of the on-chain
 * verifier (`contracts/src/attestation/dcap/`), see docs/attestation-dcap.md.
 */
export type DcapErrorCode =
  // encoding
  | "DCAP_MALFORMED_DER"
  | "DCAP_MALFORMED_PEM"
  | "DCAP_MALFORMED_JSON"
  | "DCAP_MALFORMED_TIME"
  // quote structure
  | "DCAP_QUOTE_TRUNCATED"
  | "DCAP_QUOTE_LENGTH_MISMATCH"
  | "DCAP_QUOTE_TRAILING_DATA"
  | "DCAP_QUOTE_UNSUPPORTED_VERSION"
  | "DCAP_QUOTE_UNSUPPORTED_ATTESTATION_KEY_TYPE"
  | "DCAP_QUOTE_UNSUPPORTED_TEE_TYPE"
  | "DCAP_QUOTE_UNSUPPORTED_BODY_TYPE"
  | "DCAP_QUOTE_UNSUPPORTED_QE_VENDOR"
  | "DCAP_QUOTE_UNSUPPORTED_CERTIFICATION_DATA"
  // signatures and bindings
  | "DCAP_INVALID_QUOTE_SIGNATURE"
  | "DCAP_INVALID_QE_REPORT_SIGNATURE"
  | "DCAP_QE_REPORT_DATA_MISMATCH"
  | "DCAP_INVALID_CERTIFICATE_SIGNATURE"
  | "DCAP_INVALID_CRL_SIGNATURE"
  | "DCAP_INVALID_COLLATERAL_SIGNATURE"
  // certificates and CRLs
  | "DCAP_UNSUPPORTED_ALGORITHM"
  | "DCAP_UNTRUSTED_ROOT"
  | "DCAP_ISSUER_MISMATCH"
  | "DCAP_NOT_A_CA"
  | "DCAP_CERTIFICATE_NOT_YET_VALID"
  | "DCAP_CERTIFICATE_EXPIRED"
  | "DCAP_CERTIFICATE_REVOKED"
  | "DCAP_MISSING_SGX_EXTENSION"
  | "DCAP_CRL_NOT_YET_VALID"
  | "DCAP_CRL_EXPIRED"
  // collateral and TCB evaluation
  | "DCAP_UNSUPPORTED_COLLATERAL"
  | "DCAP_COLLATERAL_NOT_YET_VALID"
  | "DCAP_COLLATERAL_EXPIRED"
  | "DCAP_COLLATERAL_MISMATCH"
  | "DCAP_QE_IDENTITY_MISMATCH"
  | "DCAP_TCB_LEVEL_NOT_FOUND"
  | "DCAP_TDX_MODULE_MISMATCH"
  | "DCAP_TDX_MODULE_NOT_FOUND"
  // on-chain registries
  | "DCAP_COLLATERAL_REFUSED"
  // envelope
  | "DCAP_MALFORMED_REPORT"
  | "DCAP_INVALID_ENCLAVE_PUBLIC_KEY";

/** Every refusal of the DCAP code in the SDK. `code` says what failed. */
export class DcapError extends BaseError {
  readonly code: DcapErrorCode;

  constructor(code: DcapErrorCode, shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
  }
}
