import { decrypt } from "eciesjs";
import { bytesOf, type BytesLike } from "./bytes.ts";
import { ECIES_FORMAT, ECIES_OVERHEAD } from "./ecies.ts";
import { EciesDecryptionError } from "./errors.ts";
import { privateKeyBytes } from "./secp256k1.ts";

export interface EciesDecryptParameters {
  /** Recipient's 32-byte secp256k1 private key. */
  privateKey: BytesLike;
  /** An ECIES ciphertext produced by {@link eciesEncrypt} or a compatible library. */
  ciphertext: BytesLike;
}

export type EciesDecryptReturnType = Uint8Array;

/**
 * Decrypts an ECIES ciphertext (format in {@link ECIES_FORMAT}). The AES-GCM tag authenticates
 * every byte after the ephemeral key, and the ephemeral key itself enters the key derivation, so
 * a ciphertext for another key, or with any byte changed, fails: it never yields garbage.
 * @throws {InvalidPrivateKeyError} when the private key is not a valid secp256k1 scalar.
 * @throws {EciesDecryptionError} when the ciphertext is truncated, malformed, not for this key or altered.
 */
export function eciesDecrypt({ privateKey, ciphertext }: EciesDecryptParameters): EciesDecryptReturnType {
  const secret = privateKeyBytes(privateKey);
  const data = bytesOf(ciphertext);
  if (data === undefined)
    throw new EciesDecryptionError("The ECIES ciphertext is not bytes.", { details: "expected hex or a Uint8Array" });
  if (data.length < ECIES_OVERHEAD)
    throw new EciesDecryptionError("The ECIES ciphertext is truncated.", {
      details: `${data.length} bytes; at least ${ECIES_OVERHEAD} (ephemeral key, nonce, tag) expected`,
    });
  if (data[0] !== 0x04)
    throw new EciesDecryptionError("The ECIES ciphertext does not start with an uncompressed ephemeral key.", {
      details: `first byte 0x${data[0]!.toString(16).padStart(2, "0")}, expected 0x04`,
    });
  try {
    return decrypt(secret, data, ECIES_FORMAT);
  } catch (cause) {
    throw new EciesDecryptionError("The ECIES ciphertext cannot be decrypted with this key.", {
      details: "wrong key, altered ciphertext or an ephemeral key off the curve",
      cause,
    });
  }
}
