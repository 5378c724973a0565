import type { Address, Hex } from "viem";

/** The trusted execution technology of a report (`IAttestationVerifier.TeeType`). */
export const TeeType = { Simulated: 0, Sgx: 1, Tdx: 2 } as const;
export type TeeType = (typeof TeeType)[keyof typeof TeeType];

/** The platform's TCB status (`IAttestationVerifier.TcbStatus`), as Intel's TCB info defines it. */
export const TcbStatus = {
  UpToDate: 0,
  SWHardeningNeeded: 1,
  ConfigurationNeeded: 2,
  ConfigurationAndSWHardeningNeeded: 3,
  OutOfDate: 4,
  OutOfDateConfigurationNeeded: 5,
  Revoked: 6,
  Unrecognized: 7,
} as const;
export type TcbStatus = (typeof TcbStatus)[keyof typeof TcbStatus];

/** A measurement's standing in `EnclavePolicy` (`IEnclavePolicy.MeasurementStatus`). */
export const MeasurementStatus = { Unknown: 0, Approved: 1, Revoked: 2 } as const;
export type MeasurementStatus = (typeof MeasurementStatus)[keyof typeof MeasurementStatus];

/** An auditor's signature over a measurement statement, and who made it. */
export interface AuditorSignature {
  signer: Address;
  /** 65 bytes, r ‖ s ‖ v. */
  signature: Hex;
}

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
