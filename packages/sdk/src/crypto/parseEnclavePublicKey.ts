import { bytesToHex, type Hex } from "viem";
import type { BytesLike } from "./bytes.ts";
import { publicKeyBytes } from "./secp256k1.ts";

/**
 * Validates a secp256k1 public key and returns it in the protocol's 64-byte form `x || y`.
 * Accepts 64 bytes `x || y`, 65 bytes `0x04 || x || y` or 33 bytes compressed. Rejects wrong
 * lengths and prefixes, coordinates outside the field, points off the curve and infinity.
 * Call it on every public key that comes from outside (L1 events, reports, peers) before use.
 * @throws {InvalidPublicKeyError}
 */
export function parseEnclavePublicKey(publicKey: BytesLike): Hex {
  return bytesToHex(publicKeyBytes(publicKey));
}

/** Whether {@link parseEnclavePublicKey} accepts `publicKey`. */
export function isValidEnclavePublicKey(publicKey: BytesLike): boolean {
  try {
    publicKeyBytes(publicKey);
    return true;
  } catch {
    return false;
  }
}
