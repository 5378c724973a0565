import { p256 } from "@noble/curves/nist.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "./bytes.ts";

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/**
 * Verifies an ECDSA P-256 signature (`r ‖ s`, 64 bytes) over `sha256(message)` under the
 * uncompressed key `x ‖ y` (64 bytes). High-s signatures are valid: Intel does not normalise
 * `s`, and malleability does not matter here (no signature is used as an identifier).
 */
export function verifyP256(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 64) return false;
  try {
    return p256.verify(signature, sha256(message), concatBytes(Uint8Array.of(4), publicKey), {
      prehash: false,
      lowS: false,
    });
  } catch {
    return false;
  }
}
