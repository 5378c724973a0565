export { attestationResultOf, tdxMeasurement, tdxSignerMeasurement } from "./attestationResult.ts";
export { parseCollateralBundle, parseEnclaveIdentity, parseTcbInfo, splitPcsResponse } from "./collateral.ts";
export type {
  DcapCollateral,
  EnclaveIdentity,
  IsvTcbLevel,
  SignedCollateral,
  TcbInfo,
  TcbLevel,
  TcbStatusName,
  TdxModule,
  TdxModuleIdentity,
} from "./collateral.ts";
export { decodeDcapReport, encodeDcapReport } from "./dcapReport.ts";
export type {
  DecodeDcapReportReturnType,
  EncodeDcapReportParameters,
  EncodeDcapReportReturnType,
} from "./dcapReport.ts";
export { DcapError } from "./errors.ts";
export type { DcapErrorCode } from "./errors.ts";
export { INTEL_SGX_ROOT_CA_DER, INTEL_SGX_ROOT_CA_SHA256, intelSgxRootCa } from "./intelRootCa.ts";
export { INTEL_QE_VENDOR_ID, parseDcapQuote } from "./quote.ts";
export type { DcapQuote, QuoteBody, SgxReportBody, TdReportBody } from "./quote.ts";
export { evaluateTcb } from "./tcb.ts";
export type { TcbEvaluation } from "./tcb.ts";
export { verifyDcapQuote } from "./verifyDcapQuote.ts";
export type { VerifyDcapQuoteParameters, VerifyDcapQuoteReturnType } from "./verifyDcapQuote.ts";
export { parseCertificate, parseCrl, pemCertificates } from "./x509.ts";
export type { Certificate, Crl, SgxExtension } from "./x509.ts";
