import { keccak256, toHex } from "viem";

/** SGX `ATTRIBUTES.flags` bits (Intel SDM, SECS.ATTRIBUTES). */
export const SgxAttributeFlags = { Init: 0x1n, Debug: 0x2n, Mode64Bit: 0x4n } as const;

/** The dev report format version (`DevAttestationVerifier.FORMAT_VERSION`). */
export const DEV_REPORT_FORMAT_VERSION = 1;

/** The domain tag the vendor signs in front of a report body (`DevAttestationVerifier.REPORT_DOMAIN`). */
export const DEV_REPORT_DOMAIN = keccak256(toHex("Obscuro.DevAttestationReport.v1"));

/** Byte layout of a dev report; see docs/attestation.md. */
export const DevReportLayout = {
  formatVersion: { offset: 0, length: 2 },
  cpuSvn: { offset: 2, length: 16 },
  miscSelect: { offset: 18, length: 4 },
  attributes: { offset: 22, length: 16 },
  mrEnclave: { offset: 38, length: 32 },
  mrSigner: { offset: 70, length: 32 },
  isvProdId: { offset: 102, length: 2 },
  isvSvn: { offset: 104, length: 2 },
  reportData: { offset: 106, length: 64 },
  enclavePublicKey: { offset: 170, length: 64 },
  tcbStatus: { offset: 234, length: 1 },
  signature: { offset: 235, length: 65 },
} as const;

/** Length of the signed body of a dev report. */
export const DEV_REPORT_BODY_LENGTH = 235;

/** Length of a whole dev report: body and signature. */
export const DEV_REPORT_LENGTH = 300;

export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
