export {
  DEV_REPORT_BODY_LENGTH,
  DEV_REPORT_DOMAIN,
  DEV_REPORT_FORMAT_VERSION,
  DEV_REPORT_LENGTH,
  DevReportLayout,
  SECP256K1_N,
  SgxAttributeFlags,
} from "./constants.ts";
export { computeReportData } from "./computeReportData.ts";
export type { ComputeReportDataParameters, ComputeReportDataReturnType } from "./computeReportData.ts";
export { decodeDevReport } from "./decodeDevReport.ts";
export type { DecodeDevReportParameters, DecodeDevReportReturnType } from "./decodeDevReport.ts";
export {
  DuplicateAuditorSignatureError,
  InvalidAttestationInputError,
  InvalidReportLengthError,
  InvalidReportSignatureError,
  UnknownTcbStatusError,
  UnsupportedReportFormatError,
  WrongReportSignerError,
} from "./errors.ts";
export { getDevReportDigest } from "./getDevReportDigest.ts";
export type { GetDevReportDigestParameters, GetDevReportDigestReturnType } from "./getDevReportDigest.ts";
export { tcbStatusMask, teeTypeMask } from "./masks.ts";
