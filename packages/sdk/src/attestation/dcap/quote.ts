import type { Hex } from "viem";
import { readUintLE, toHex } from "./bytes.ts";
import { DcapError } from "./errors.ts";

export const HEADER_LENGTH = 48;
export const SGX_REPORT_LENGTH = 384;
export const TD10_REPORT_LENGTH = 584;
export const TD15_REPORT_LENGTH = 648;
export const TEE_TYPE_SGX = 0x00000000;
export const TEE_TYPE_TDX = 0x00000081;
/** ECDSA-256-with-P-256 (the only attestation key type DCAP quotes use). */
export const ATTESTATION_KEY_TYPE_ECDSA_P256 = 2;
export const INTEL_QE_VENDOR_ID: Hex = "0x939a7233f79c4ca9940a0db3957f0607";
/** Certification data types (Intel DCAP quote format). */
export const CERT_DATA_PCK_CHAIN = 5;
export const CERT_DATA_QE_REPORT = 6;

/** An SGX enclave report (the ISV enclave of an SGX quote, and every quoting enclave's report). */
export interface SgxReportBody {
  cpuSvn: Hex;
  miscSelect: Hex;
  attributes: Hex;
  mrEnclave: Hex;
  mrSigner: Hex;
  isvProdId: number;
  isvSvn: number;
  reportData: Hex;
  /** DEBUG attribute (flags bit 1): the enclave's memory is readable by the host. */
  debug: boolean;
}

/** A TDX TD report, TD 1.0 (quote v4) or TD 1.5 (quote v5 body type 3). */
export interface TdReportBody {
  teeTcbSvn: Hex;
  mrSeam: Hex;
  mrSignerSeam: Hex;
  seamAttributes: Hex;
  tdAttributes: Hex;
  xfam: Hex;
  mrTd: Hex;
  mrConfigId: Hex;
  mrOwner: Hex;
  mrOwnerConfig: Hex;
  rtmr0: Hex;
  rtmr1: Hex;
  rtmr2: Hex;
  rtmr3: Hex;
  reportData: Hex;
  /** TD 1.5 only. */
  teeTcbSvn2?: Hex;
  mrServiceTd?: Hex;
  /** Any TUD bit (tdAttributes bits 0-7, DEBUG is bit 0): the TD runs under debug. */
  debug: boolean;
}

export type QuoteBody = { kind: "sgx"; report: SgxReportBody } | { kind: "td10" | "td15"; report: TdReportBody };

export interface DcapQuote {
  /** The raw quote. */
  bytes: Uint8Array;
  version: number;
  attestationKeyType: number;
  teeType: number;
  /** Header bytes 8..12 as two little-endian u16: QE and PCE SVN in v3, reserved (zero) in v4/v5. */
  qeSvn: number;
  pceSvn: number;
  qeVendorId: Hex;
  userData: Hex;
  /** v5 only: body type (1 SGX, 2 TD 1.0, 3 TD 1.5) and declared body size. */
  v5Body?: { type: number; size: number };
  body: QuoteBody;
  /** The bytes the attestation key signed: header and body (with the v5 type and size). */
  signedData: Uint8Array;
  signatureDataLength: number;
  /** ECDSA signature `r ‖ s` over `signedData` by the attestation key. */
  signature: Uint8Array;
  /** The attestation key `x ‖ y`. */
  attestationKey: Uint8Array;
  /** v4/v5: the outer certification data (type 6) size. */
  outerCertificationDataSize?: number;
  qeReport: Uint8Array;
  qeReportBody: SgxReportBody;
  /** ECDSA signature `r ‖ s` over the QE report by the PCK key. */
  qeReportSignature: Uint8Array;
  qeAuthData: Uint8Array;
  certificationDataType: number;
  certificationData: Uint8Array;
  /** Zero bytes after the declared signature data (some quote generators pad). */
  paddingLength: number;
}

function truncated(needed: number, length: number): DcapError {
  return new DcapError("DCAP_QUOTE_TRUNCATED", "The quote is truncated.", {
    details: `needs ${needed} bytes, has ${length}`,
  });
}

function hex(bytes: Uint8Array, offset: number, length: number): Hex {
  return toHex(bytes.subarray(offset, offset + length));
}

export function parseSgxReportBody(bytes: Uint8Array, offset: number): SgxReportBody {
  return {
    cpuSvn: hex(bytes, offset, 16),
    miscSelect: hex(bytes, offset + 16, 4),
    attributes: hex(bytes, offset + 48, 16),
    mrEnclave: hex(bytes, offset + 64, 32),
    mrSigner: hex(bytes, offset + 128, 32),
    isvProdId: readUintLE(bytes, offset + 256, 2),
    isvSvn: readUintLE(bytes, offset + 258, 2),
    reportData: hex(bytes, offset + 320, 64),
    debug: (bytes[offset + 48]! & 0x02) !== 0,
  };
}

export function parseTdReportBody(bytes: Uint8Array, offset: number, td15: boolean): TdReportBody {
  const body: TdReportBody = {
    teeTcbSvn: hex(bytes, offset, 16),
    mrSeam: hex(bytes, offset + 16, 48),
    mrSignerSeam: hex(bytes, offset + 64, 48),
    seamAttributes: hex(bytes, offset + 112, 8),
    tdAttributes: hex(bytes, offset + 120, 8),
    xfam: hex(bytes, offset + 128, 8),
    mrTd: hex(bytes, offset + 136, 48),
    mrConfigId: hex(bytes, offset + 184, 48),
    mrOwner: hex(bytes, offset + 232, 48),
    mrOwnerConfig: hex(bytes, offset + 280, 48),
    rtmr0: hex(bytes, offset + 328, 48),
    rtmr1: hex(bytes, offset + 376, 48),
    rtmr2: hex(bytes, offset + 424, 48),
    rtmr3: hex(bytes, offset + 472, 48),
    reportData: hex(bytes, offset + 520, 64),
    debug: bytes[offset + 120] !== 0,
  };
  if (td15) {
    body.teeTcbSvn2 = hex(bytes, offset + 584, 16);
    body.mrServiceTd = hex(bytes, offset + 600, 48);
  }
  return body;
}

/**
 * Parses an Intel DCAP quote: SGX v3, TDX v4 (TD 1.0) and v5 (TD 1.5; v5 SGX and TD 1.0 bodies
 * too), with an ECDSA P-256 attestation key and a PCK certificate chain (certification data
 * type 5). Every declared length is checked; zero bytes after the signature data are accepted as
 * padding, anything else is refused. Signatures are not checked here (see `verifyDcapQuote`).
 * @throws {DcapError} `DCAP_QUOTE_*` codes.
 */
export function parseDcapQuote(bytes: Uint8Array): DcapQuote {
  if (bytes.length < HEADER_LENGTH) throw truncated(HEADER_LENGTH, bytes.length);
  const version = readUintLE(bytes, 0, 2);
  const attestationKeyType = readUintLE(bytes, 2, 2);
  const teeType = readUintLE(bytes, 4, 4);
  if (version < 3 || version > 5) {
    throw new DcapError("DCAP_QUOTE_UNSUPPORTED_VERSION", `Quote version ${version} is not supported.`);
  }
  if (attestationKeyType !== ATTESTATION_KEY_TYPE_ECDSA_P256) {
    throw new DcapError(
      "DCAP_QUOTE_UNSUPPORTED_ATTESTATION_KEY_TYPE",
      "Only ECDSA P-256 attestation keys are supported.",
    );
  }
  if (teeType !== TEE_TYPE_SGX && (teeType !== TEE_TYPE_TDX || version === 3)) {
    throw new DcapError("DCAP_QUOTE_UNSUPPORTED_TEE_TYPE", `TEE type 0x${teeType.toString(16)} is not supported.`);
  }
  const qeVendorId = hex(bytes, 12, 16);
  if (qeVendorId !== INTEL_QE_VENDOR_ID) {
    throw new DcapError("DCAP_QUOTE_UNSUPPORTED_QE_VENDOR", "The quote was not made by Intel's quoting enclave.");
  }

  let offset = HEADER_LENGTH;
  let kind: QuoteBody["kind"] = teeType === TEE_TYPE_SGX ? "sgx" : "td10";
  let v5Body: DcapQuote["v5Body"];
  if (version === 5) {
    if (bytes.length < offset + 6) throw truncated(offset + 6, bytes.length);
    const type = readUintLE(bytes, offset, 2);
    const size = readUintLE(bytes, offset + 2, 4);
    const expected = {
      1: ["sgx", SGX_REPORT_LENGTH, TEE_TYPE_SGX],
      2: ["td10", TD10_REPORT_LENGTH, TEE_TYPE_TDX],
      3: ["td15", TD15_REPORT_LENGTH, TEE_TYPE_TDX],
    } as const;
    const entry = expected[type as 1 | 2 | 3] as (typeof expected)[1 | 2 | 3] | undefined;
    if (!entry || entry[2] !== teeType) {
      throw new DcapError("DCAP_QUOTE_UNSUPPORTED_BODY_TYPE", `Quote v5 body type ${type} does not fit TEE type.`);
    }
    if (size !== entry[1]) {
      throw new DcapError("DCAP_QUOTE_LENGTH_MISMATCH", `Body size ${size} does not fit body type ${type}.`);
    }
    kind = entry[0];
    v5Body = { type, size };
    offset += 6;
  }
  const bodyLength = kind === "sgx" ? SGX_REPORT_LENGTH : kind === "td10" ? TD10_REPORT_LENGTH : TD15_REPORT_LENGTH;
  const bodyOffset = offset;
  offset += bodyLength;
  if (bytes.length < offset + 4) throw truncated(offset + 4, bytes.length);
  const signedData = bytes.subarray(0, offset);
  const signatureDataLength = readUintLE(bytes, offset, 4);
  offset += 4;
  const signatureDataEnd = offset + signatureDataLength;
  if (bytes.length < signatureDataEnd) throw truncated(signatureDataEnd, bytes.length);
  for (let i = signatureDataEnd; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      throw new DcapError("DCAP_QUOTE_TRAILING_DATA", "Non-zero bytes follow the quote's signature data.", {
        details: `at offset ${i}`,
      });
    }
  }

  // Inside the signature data every read is bounded by its declared end.
  const take = (length: number, end: number): number => {
    if (offset + length > end) {
      throw new DcapError("DCAP_QUOTE_LENGTH_MISMATCH", "A length inside the signature data overruns it.", {
        details: `needs ${offset + length - end} more bytes at offset ${offset}`,
      });
    }
    const at = offset;
    offset += length;
    return at;
  };
  const signature = bytes.slice(take(64, signatureDataEnd), offset);
  const attestationKey = bytes.slice(take(64, signatureDataEnd), offset);
  let qeEnd = signatureDataEnd;
  let outerCertificationDataSize: number | undefined;
  if (version >= 4) {
    const outerType = readUintLE(bytes, take(2, signatureDataEnd), 2);
    outerCertificationDataSize = readUintLE(bytes, take(4, signatureDataEnd), 4);
    if (outerType !== CERT_DATA_QE_REPORT) {
      throw new DcapError(
        "DCAP_QUOTE_UNSUPPORTED_CERTIFICATION_DATA",
        `Certification data type ${outerType} is not supported.`,
      );
    }
    qeEnd = offset + outerCertificationDataSize;
    if (qeEnd !== signatureDataEnd) {
      throw new DcapError("DCAP_QUOTE_LENGTH_MISMATCH", "The QE certification data does not fill the signature data.");
    }
  }
  const qeReport = bytes.slice(take(SGX_REPORT_LENGTH, qeEnd), offset);
  const qeReportSignature = bytes.slice(take(64, qeEnd), offset);
  const authLength = readUintLE(bytes, take(2, qeEnd), 2);
  const qeAuthData = bytes.slice(take(authLength, qeEnd), offset);
  const certificationDataType = readUintLE(bytes, take(2, qeEnd), 2);
  const certificationDataSize = readUintLE(bytes, take(4, qeEnd), 4);
  const certificationData = bytes.slice(take(certificationDataSize, qeEnd), offset);
  if (offset !== qeEnd) {
    throw new DcapError("DCAP_QUOTE_LENGTH_MISMATCH", "The signature data is longer than its contents.", {
      details: `${qeEnd - offset} unexplained bytes`,
    });
  }
  if (certificationDataType !== CERT_DATA_PCK_CHAIN) {
    throw new DcapError(
      "DCAP_QUOTE_UNSUPPORTED_CERTIFICATION_DATA",
      `Certification data type ${certificationDataType} is not supported (only a PCK certificate chain, type 5).`,
    );
  }

  const body: QuoteBody =
    kind === "sgx"
      ? { kind, report: parseSgxReportBody(bytes, bodyOffset) }
      : { kind, report: parseTdReportBody(bytes, bodyOffset, kind === "td15") };
  return {
    bytes,
    version,
    attestationKeyType,
    teeType,
    qeSvn: readUintLE(bytes, 8, 2),
    pceSvn: readUintLE(bytes, 10, 2),
    qeVendorId,
    userData: hex(bytes, 28, 20),
    ...(v5Body ? { v5Body } : {}),
    body,
    signedData,
    signatureDataLength,
    signature,
    attestationKey,
    ...(outerCertificationDataSize === undefined ? {} : { outerCertificationDataSize }),
    qeReport,
    qeReportBody: parseSgxReportBody(qeReport, 0),
    qeReportSignature,
    qeAuthData,
    certificationDataType,
    certificationData,
    paddingLength: bytes.length - signatureDataEnd,
  };
}
