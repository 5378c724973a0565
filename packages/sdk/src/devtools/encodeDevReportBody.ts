import { concat, type Hex } from "viem";
import { DEV_REPORT_FORMAT_VERSION, SgxAttributeFlags } from "../attestation/constants.ts";
import { UnknownTcbStatusError } from "../attestation/errors.ts";
import { expectHex, expectUint, littleEndian } from "../attestation/internal.ts";
import { parseEnclavePublicKey } from "../crypto/parseEnclavePublicKey.ts";
import { TcbStatus, type DevReportFields } from "../types/attestation.ts";

/**
 * The fields of a dev report. The code identity (`mrEnclave`, `mrSigner`), the report data and
 * the key are required; the platform fields default to a production-mode, up-to-date enclave:
 * zero CPUSVN and MISCSELECT, ATTRIBUTES = INIT | MODE64BIT with XFRM 0x3, ISVPRODID and ISVSVN
 * zero, TCB status `UpToDate`.
 */
export type EncodeDevReportBodyParameters = Pick<
  DevReportFields,
  "mrEnclave" | "mrSigner" | "reportData" | "enclavePublicKey"
> &
  Partial<DevReportFields>;

/** The 235-byte body of a dev report. */
export type EncodeDevReportBodyReturnType = Hex;

/** Fills in the defaults of {@link EncodeDevReportBodyParameters} and checks every field. */
export function resolveDevReportFields(parameters: EncodeDevReportBodyParameters): DevReportFields {
  const tcbStatus = parameters.tcbStatus ?? TcbStatus.UpToDate;
  if (!Number.isInteger(tcbStatus) || tcbStatus < 0 || tcbStatus > TcbStatus.Unrecognized) {
    throw new UnknownTcbStatusError("The TCB status names no TcbStatus.", { details: `got ${String(tcbStatus)}` });
  }
  const attributes = parameters.attributes ?? { flags: SgxAttributeFlags.Init | SgxAttributeFlags.Mode64Bit, xfrm: 3n };
  return {
    cpuSvn: expectHex(parameters.cpuSvn ?? `0x${"00".repeat(16)}`, 16, "cpuSvn"),
    miscSelect: Number(expectUint(parameters.miscSelect ?? 0, 32, "miscSelect")),
    attributes: {
      flags: expectUint(attributes.flags, 64, "attributes.flags"),
      xfrm: expectUint(attributes.xfrm, 64, "attributes.xfrm"),
    },
    mrEnclave: expectHex(parameters.mrEnclave, 32, "mrEnclave"),
    mrSigner: expectHex(parameters.mrSigner, 32, "mrSigner"),
    isvProdId: Number(expectUint(parameters.isvProdId ?? 0, 16, "isvProdId")),
    isvSvn: Number(expectUint(parameters.isvSvn ?? 0, 16, "isvSvn")),
    reportData: expectHex(parameters.reportData, 64, "reportData"),
    enclavePublicKey: parseEnclavePublicKey(parameters.enclavePublicKey),
    tcbStatus: tcbStatus as TcbStatus,
  };
}

/**
 * Encodes the body of a dev report (everything the vendor signs), byte for byte as
 * docs/attestation.md lays it out: SGX fields keep SGX's little-endian integers.
 * @throws {InvalidAttestationInputError} when a field has the wrong size or range.
 * @throws {InvalidPublicKeyError} when the key is not a point on secp256k1.
 * @throws {UnknownTcbStatusError} when the TCB status is not a `TcbStatus`.
 */
export function encodeDevReportBody(parameters: EncodeDevReportBodyParameters): EncodeDevReportBodyReturnType {
  const f = resolveDevReportFields(parameters);
  return concat([
    `0x${DEV_REPORT_FORMAT_VERSION.toString(16).padStart(4, "0")}`,
    f.cpuSvn,
    `0x${littleEndian(BigInt(f.miscSelect), 4)}`,
    `0x${littleEndian(f.attributes.flags, 8)}${littleEndian(f.attributes.xfrm, 8)}`,
    f.mrEnclave,
    f.mrSigner,
    `0x${littleEndian(BigInt(f.isvProdId), 2)}`,
    `0x${littleEndian(BigInt(f.isvSvn), 2)}`,
    f.reportData,
    f.enclavePublicKey,
    `0x${f.tcbStatus.toString(16).padStart(2, "0")}`,
  ]);
}
