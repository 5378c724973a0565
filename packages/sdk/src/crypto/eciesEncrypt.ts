import { encrypt } from "eciesjs";
import { bytesOf, type BytesLike } from "./bytes.ts";
import { ECIES_FORMAT } from "./ecies.ts";
import { publicKeyBytes } from "./secp256k1.ts";

export interface EciesEncryptParameters {
  /** Recipient's secp256k1 public key: 64 bytes `x || y`, 65 bytes `0x04 || x || y` or 33 compressed. */
  publicKey: BytesLike;
  /** What to encrypt (any length, including empty). */
  plaintext: BytesLike;
}

/** `ephemeralPublicKey (65) || nonce (16) || tag (16) || aesCiphertext`; see docs/crypto.md. */
export type EciesEncryptReturnType = Uint8Array;

/**
 * Encrypts to a secp256k1 public key with ECIES (fresh ephemeral key and random nonce for every
 * call, so two encryptions of one plaintext differ). Format in {@link ECIES_FORMAT}.
 * @throws {InvalidPublicKeyError} when the recipient key is not a point of the curve.
 */
export function eciesEncrypt({ publicKey, plaintext }: EciesEncryptParameters): EciesEncryptReturnType {
  const recipient = publicKeyBytes(publicKey);
  const data = bytesOf(plaintext);
  if (data === undefined) throw new TypeError("eciesEncrypt: plaintext must be hex or a Uint8Array");
  const sec1 = new Uint8Array(65);
  sec1[0] = 0x04;
  sec1.set(recipient, 1);
  return encrypt(sec1, data, ECIES_FORMAT);
}
