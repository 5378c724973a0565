export {
  DEV_REPORT_BODY_LENGTH,
  DEV_REPORT_DOMAIN,
  DEV_REPORT_FORMAT_VERSION,
  DEV_REPORT_LENGTH,
  DevReportLayout,
  ENCLAVE_POLICY_DOMAIN,
  enclavePolicyTypes,
  MeasurementStatus,
  SECP256K1_N,
  SgxAttributeFlags,
  TcbStatus,
  TeeType,
} from "./constants.ts";
export { buildDevReport } from "./buildDevReport.ts";
export type { BuildDevReportParameters, BuildDevReportReturnType } from "./buildDevReport.ts";
export { computeReportData } from "./computeReportData.ts";
export type { ComputeReportDataParameters, ComputeReportDataReturnType } from "./computeReportData.ts";
export { decodeDevReport } from "./decodeDevReport.ts";
export type { DecodeDevReportParameters, DecodeDevReportReturnType } from "./decodeDevReport.ts";
export {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
} from "./devKeys.ts";
export { encodeDevReportBody, resolveDevReportFields } from "./encodeDevReportBody.ts";
export type { EncodeDevReportBodyParameters, EncodeDevReportBodyReturnType } from "./encodeDevReportBody.ts";
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
export { getMeasurementTypedData } from "./getMeasurementTypedData.ts";
export type {
  GetMeasurementTypedDataParameters,
  GetMeasurementTypedDataReturnType,
  MeasurementStatement,
} from "./getMeasurementTypedData.ts";
export { tcbStatusMask, teeTypeMask } from "./masks.ts";
export { signMeasurementStatement } from "./signMeasurementStatement.ts";
export type {
  AuditorSignature,
  SignMeasurementStatementParameters,
  SignMeasurementStatementReturnType,
} from "./signMeasurementStatement.ts";
export { sortAuditorSignatures } from "./sortAuditorSignatures.ts";
export type { AttestationResult, DecodedDevReport, DevReportFields, SgxAttributes } from "./types.ts";
