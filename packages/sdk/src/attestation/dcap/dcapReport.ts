import { decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";
import { toHex } from "./bytes.ts";
import { DcapError } from "./errors.ts";

const ENVELOPE = [
  { name: "quote", type: "bytes" },
  { name: "enclavePublicKey", type: "bytes" },
] as const;

export interface EncodeDcapReportParameters {
  /** The raw DCAP quote. Its report data must bind the key (see `EnclavePolicy`). */
  quote: Uint8Array | Hex;
  /** The enclave's secp256k1 public key, uncompressed without the 0x04 prefix (64 bytes). */
  enclavePublicKey: Uint8Array | Hex;
}

export type EncodeDcapReportReturnType = Hex;

/**
 * The report `DcapAttestationVerifier.verify` takes: `abi.encode(bytes quote, bytes
 * enclavePublicKey)`. A quote cannot carry a secp256k1 key; the verifier returns the key as
 * given and the policy accepts it only if the quote's report data commits to it.
 */
export function encodeDcapReport(parameters: EncodeDcapReportParameters): EncodeDcapReportReturnType {
  const key =
    typeof parameters.enclavePublicKey === "string" ? parameters.enclavePublicKey : toHex(parameters.enclavePublicKey);
  if ((key.length - 2) / 2 !== 64) {
    throw new DcapError("DCAP_INVALID_ENCLAVE_PUBLIC_KEY", "The enclave public key must be 64 bytes (x ‖ y).");
  }
  const quote = typeof parameters.quote === "string" ? parameters.quote : toHex(parameters.quote);
  return encodeAbiParameters(ENVELOPE, [quote, key]);
}

export type DecodeDcapReportReturnType = { quote: Hex; enclavePublicKey: Hex };

/** Splits a DCAP report envelope back into the quote and the enclave key. */
export function decodeDcapReport(report: Hex): DecodeDcapReportReturnType {
  let quote: Hex;
  let enclavePublicKey: Hex;
  try {
    [quote, enclavePublicKey] = decodeAbiParameters(ENVELOPE, report);
  } catch (cause) {
    throw new DcapError("DCAP_MALFORMED_REPORT", "The report is not abi.encode(bytes quote, bytes enclavePublicKey).", {
      cause,
    });
  }
  if ((enclavePublicKey.length - 2) / 2 !== 64) {
    throw new DcapError("DCAP_INVALID_ENCLAVE_PUBLIC_KEY", "The enclave public key must be 64 bytes (x ‖ y).");
  }
  return { quote, enclavePublicKey };
}
