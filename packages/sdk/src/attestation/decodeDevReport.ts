import { getAddress, isAddressEqual, isHex, recoverAddress, slice, type Address, type Hex } from "viem";
import {
  DEV_REPORT_BODY_LENGTH,
  DEV_REPORT_FORMAT_VERSION,
  DEV_REPORT_LENGTH,
  DevReportLayout as L,
  SECP256K1_N,
  SgxAttributeFlags,
} from "./constants.ts";
import {
  InvalidReportLengthError,
  InvalidReportSignatureError,
  UnknownTcbStatusError,
  UnsupportedReportFormatError,
  WrongReportSignerError,
} from "./errors.ts";
import { getDevReportDigest } from "./getDevReportDigest.ts";
import { readLittleEndian } from "./internal.ts";
import { InvalidPublicKeyError } from "../crypto/errors.ts";
import { isValidEnclavePublicKey } from "../crypto/parseEnclavePublicKey.ts";
import { TcbStatus, TeeType, type DecodedDevReport } from "../types/attestation.ts";

export interface DecodeDevReportParameters {
  /** The report, as built by `buildDevReport` or read from a registration transaction. */
  report: Hex;
  /** When given, the report must be signed by this vendor (`DevAttestationVerifier.vendorKey()`). */
  vendor?: Address | undefined;
}

export type DecodeDevReportReturnType = DecodedDevReport;

/**
 * Decodes a dev report and checks it as `DevAttestationVerifier.verify` does, in the same order:
 * length, format version, signature (well-formed, low-s, v ∈ {27, 28}; and its signer when
 * `vendor` is given), TCB status, enclave key on the curve. It does not apply the policy.
 * @throws {InvalidReportLengthError} when the report is not 300 bytes of hex.
 * @throws {UnsupportedReportFormatError} when the format version is not 1.
 * @throws {InvalidReportSignatureError} when the signature is malformed or malleable.
 * @throws {WrongReportSignerError} when `vendor` is given and did not sign.
 * @throws {UnknownTcbStatusError} when the TCB status byte names no `TcbStatus`.
 * @throws {InvalidPublicKeyError} when the enclave key is not a point on secp256k1.
 */
export async function decodeDevReport({
  report,
  vendor,
}: DecodeDevReportParameters): Promise<DecodeDevReportReturnType> {
  if (!isHex(report, { strict: true }) || report.length !== 2 + 2 * DEV_REPORT_LENGTH) {
    throw new InvalidReportLengthError(`A dev report is ${DEV_REPORT_LENGTH} bytes.`, {
      details: isHex(report, { strict: true }) ? `got ${(report.length - 2) / 2} bytes` : "not hex",
    });
  }
  const hex = report.toLowerCase().slice(2);
  const field = (f: { offset: number; length: number }) => hex.slice(2 * f.offset, 2 * (f.offset + f.length));

  const formatVersion = Number.parseInt(field(L.formatVersion), 16);
  if (formatVersion !== DEV_REPORT_FORMAT_VERSION) {
    throw new UnsupportedReportFormatError(`Unsupported dev report format ${formatVersion}.`, {
      details: `this decoder reads format ${DEV_REPORT_FORMAT_VERSION}`,
    });
  }

  const body = slice(`0x${hex}`, 0, DEV_REPORT_BODY_LENGTH);
  const digest = getDevReportDigest(body);
  const signature = `0x${field(L.signature)}` as Hex;
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130, 132), 16);
  if (s === 0n || s > SECP256K1_N / 2n || (v !== 27 && v !== 28) || BigInt(signature.slice(0, 66)) === 0n) {
    throw new InvalidReportSignatureError("The report signature is malformed or malleable.", {
      details: "expected r ‖ s ‖ v with 0 < s ≤ n/2 and v ∈ {27, 28}",
    });
  }
  let signer: Address;
  try {
    signer = getAddress(await recoverAddress({ hash: digest, signature }));
  } catch (cause) {
    throw new InvalidReportSignatureError("No key recovers from the report signature.", { cause });
  }
  if (vendor !== undefined && !isAddressEqual(signer, vendor)) {
    throw new WrongReportSignerError("The report was not signed by the expected vendor.", {
      details: `signed by ${signer}, expected ${getAddress(vendor)}`,
    });
  }

  const tcbStatus = Number.parseInt(field(L.tcbStatus), 16);
  if (tcbStatus > TcbStatus.Unrecognized) {
    throw new UnknownTcbStatusError(`Unknown TCB status ${tcbStatus}.`);
  }
  const enclavePublicKey = `0x${field(L.enclavePublicKey)}` as Hex;
  if (!isValidEnclavePublicKey(enclavePublicKey)) {
    throw new InvalidPublicKeyError("The enclave public key is not a point on secp256k1.");
  }

  const attributes = field(L.attributes);
  const fields = {
    cpuSvn: `0x${field(L.cpuSvn)}` as Hex,
    miscSelect: Number(readLittleEndian(field(L.miscSelect))),
    attributes: { flags: readLittleEndian(attributes.slice(0, 16)), xfrm: readLittleEndian(attributes.slice(16, 32)) },
    mrEnclave: `0x${field(L.mrEnclave)}` as Hex,
    mrSigner: `0x${field(L.mrSigner)}` as Hex,
    isvProdId: Number(readLittleEndian(field(L.isvProdId))),
    isvSvn: Number(readLittleEndian(field(L.isvSvn))),
    reportData: `0x${field(L.reportData)}` as Hex,
    enclavePublicKey,
    tcbStatus: tcbStatus as TcbStatus,
  };
  return {
    formatVersion,
    fields,
    body,
    digest,
    signature,
    signer,
    result: {
      teeType: TeeType.Simulated,
      measurement: fields.mrEnclave,
      signerMeasurement: fields.mrSigner,
      productId: fields.isvProdId,
      securityVersion: fields.isvSvn,
      debug: (fields.attributes.flags & SgxAttributeFlags.Debug) !== 0n,
      tcbStatus: fields.tcbStatus,
      enclavePublicKey,
      reportData: fields.reportData,
    },
  };
}
