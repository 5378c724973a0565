import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesOf } from "./bytes.ts";
import { PRIVATE_KEY_LENGTH, PUBLIC_KEY_LENGTH } from "./constants.ts";
import { InvalidPrivateKeyError, InvalidPublicKeyError } from "./errors.ts";

/** The order `n` of the secp256k1 group. */
export const SECP256K1_ORDER: bigint = secp256k1.Point.CURVE().n;

/** The secp256k1 field prime: coordinates of a valid public key are below it. */
export const SECP256K1_P: bigint = secp256k1.Point.CURVE().p;

/**
 * Checks a private key and returns its 32 bytes.
 * @throws {InvalidPrivateKeyError} unless it is 32 bytes encoding a scalar in `[1, n - 1]`.
 * @internal
 */
export function privateKeyBytes(privateKey: unknown): Uint8Array {
  const bytes = bytesOf(privateKey);
  if (bytes === undefined || bytes.length !== PRIVATE_KEY_LENGTH)
    throw new InvalidPrivateKeyError("The private key is not 32 bytes.", {
      details: `got ${bytes === undefined ? "a value that is not bytes" : `${bytes.length} bytes`}`,
    });
  if (!secp256k1.utils.isValidSecretKey(bytes))
    throw new InvalidPrivateKeyError("The private key is not a secp256k1 scalar in [1, n-1].");
  return bytes;
}

/**
 * Parses a secp256k1 public key given as 64 bytes `x || y` (the protocol's form), 65 bytes
 * `0x04 || x || y` or 33 bytes compressed, checks that it is a point of the curve other than
 * infinity, and returns its 64-byte form.
 * @throws {InvalidPublicKeyError}
 * @internal
 */
export function publicKeyBytes(publicKey: unknown): Uint8Array {
  const bytes = bytesOf(publicKey);
  if (bytes === undefined)
    throw new InvalidPublicKeyError("The public key is not bytes.", { details: "expected hex or a Uint8Array" });
  let sec1: Uint8Array;
  if (bytes.length === PUBLIC_KEY_LENGTH) {
    sec1 = new Uint8Array(PUBLIC_KEY_LENGTH + 1);
    sec1[0] = 0x04;
    sec1.set(bytes, 1);
  } else if (
    (bytes.length === 65 && bytes[0] === 0x04) ||
    (bytes.length === 33 && (bytes[0] === 2 || bytes[0] === 3))
  ) {
    sec1 = bytes;
  } else {
    throw new InvalidPublicKeyError("The public key has the wrong length or prefix.", {
      details: `got ${bytes.length} bytes; expected 64 (x || y), 65 (0x04 || x || y) or 33 (compressed)`,
    });
  }
  try {
    // fromBytes checks that x, y are field elements on the curve; assertValidity rejects infinity.
    const point = secp256k1.Point.fromBytes(sec1);
    point.assertValidity();
    return point.toBytes(false).subarray(1);
  } catch (cause) {
    throw new InvalidPublicKeyError("The public key is not a point of secp256k1.", { cause });
  }
}
