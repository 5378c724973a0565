import type { Address, Hex } from "viem";
import type { TcbStatus, TeeType } from "./constants.ts";

/** What a verified report says: the `IAttestationVerifier.AttestationResult` struct, as viem decodes it. */
export interface AttestationResult {
  teeType: TeeType;
  /** MRENCLAVE (SGX, dev) or the TDX measurement digest. */
  measurement: Hex;
  /** MRSIGNER. */
  signerMeasurement: Hex;
  productId: number;
  securityVersion: number;
  debug: boolean;
  tcbStatus: TcbStatus;
  /** 64 bytes: x ‖ y, without the 0x04 prefix. */
  enclavePublicKey: Hex;
  /** 64 bytes. */
  reportData: Hex;
}

/** SGX `ATTRIBUTES`: two little-endian uint64 in the report. */
export interface SgxAttributes {
  flags: bigint;
  xfrm: bigint;
}

/** Every field of a dev report body, integers as numbers (their byte order is the encoder's job). */
export interface DevReportFields {
  /** 16 bytes. */
  cpuSvn: Hex;
  /** uint32. */
  miscSelect: number;
  attributes: SgxAttributes;
  /** 32 bytes. */
  mrEnclave: Hex;
  /** 32 bytes. */
  mrSigner: Hex;
  /** uint16. */
  isvProdId: number;
  /** uint16. */
  isvSvn: number;
  /** 64 bytes. */
  reportData: Hex;
  /** 64 bytes (x ‖ y); the builders also take the 65-byte `0x04`-prefixed form. */
  enclavePublicKey: Hex;
  tcbStatus: TcbStatus;
}

/** A decoded dev report. */
export interface DecodedDevReport {
  formatVersion: number;
  fields: DevReportFields;
  /** The signed body (235 bytes). */
  body: Hex;
  /** `keccak256(DEV_REPORT_DOMAIN ‖ body)`, the hash the vendor signs. */
  digest: Hex;
  /** 65 bytes: r ‖ s ‖ v. */
  signature: Hex;
  /** The vendor address the signature recovers to. */
  signer: Address;
  /** What `DevAttestationVerifier.verify` returns for this report. */
  result: AttestationResult;
}
