/**
 * Independent reference implementations of the documented formats (docs/crypto.md), written
 * from the specification with other primitives (node:crypto / OpenSSL and noble directly) than
 * the SDK code uses, so that a test comparing the two can fail if the SDK drifts from its spec.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync } from "node:crypto";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hexToBytes, type Address } from "viem";

/** HKDF-SHA256 with an empty salt, via OpenSSL. */
export function referenceHkdf(ikm: Uint8Array, info: Uint8Array, length = 32): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", ikm, new Uint8Array(0), info, length));
}

function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

/** ECIES per the documented layout, with a chosen ephemeral key and nonce. */
export function referenceEciesEncrypt(
  recipientPublicKey64: Uint8Array,
  plaintext: Uint8Array,
  ephemeralPrivateKey: Uint8Array,
  nonce16: Uint8Array,
): Uint8Array {
  const ephemeral = secp256k1.getPublicKey(ephemeralPrivateKey, false);
  const shared = secp256k1.getSharedSecret(ephemeralPrivateKey, Uint8Array.of(4, ...recipientPublicKey64), false);
  const key = referenceHkdf(Buffer.concat([ephemeral, shared]), new Uint8Array(0));
  const cipher = createCipheriv("aes-256-gcm", key, nonce16);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([ephemeral, nonce16, cipher.getAuthTag(), body]));
}

/** ECIES decryption per the documented layout. Throws on authentication failure. */
export function referenceEciesDecrypt(recipientPrivateKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const ephemeral = ciphertext.subarray(0, 65);
  const nonce = ciphertext.subarray(65, 81);
  const tag = ciphertext.subarray(81, 97);
  const body = ciphertext.subarray(97);
  const shared = secp256k1.getSharedSecret(recipientPrivateKey, ephemeral, false);
  const key = referenceHkdf(Buffer.concat([ephemeral, shared]), new Uint8Array(0));
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAuthTag(tag);
  return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
}

export interface ReferenceContext {
  version?: number;
  chainId: bigint;
  rollupContract: Address;
  keyEpoch: bigint;
}

/** The documented 37-byte associated data. */
export function referenceAad({ version = 0, chainId, rollupContract, keyEpoch }: ReferenceContext): Uint8Array {
  return new Uint8Array(
    Buffer.concat([Uint8Array.of(version), u64(chainId), hexToBytes(rollupContract), u64(keyEpoch)]),
  );
}

/** `version || nonce || AES-256-GCM(key, nonce, aad, plaintext) || tag` over arbitrary plaintext. */
export function referenceSeal(
  epochKey: Uint8Array,
  nonce12: Uint8Array,
  context: ReferenceContext,
  plaintext: Uint8Array,
): Uint8Array {
  const cipher = createCipheriv("aes-256-gcm", epochKey, nonce12);
  cipher.setAAD(referenceAad(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([Uint8Array.of(context.version ?? 0), nonce12, body, cipher.getAuthTag()]));
}

/** Opens a payload per the documented layout; returns the compressed plaintext. */
export function referenceOpen(epochKey: Uint8Array, context: ReferenceContext, payload: Uint8Array): Uint8Array {
  const decipher = createDecipheriv("aes-256-gcm", epochKey, payload.subarray(1, 13));
  decipher.setAAD(referenceAad({ ...context, version: payload[0]! }));
  decipher.setAuthTag(payload.subarray(payload.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(payload.subarray(13, payload.length - 16)), decipher.final()]));
}

export const brotli = (data: Uint8Array, quality = 11): Uint8Array =>
  new Uint8Array(brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } }));

/** EIP-4844 versioned hash: 0x01 || sha256(commitment)[1:]. */
export function referenceVersionedHash(commitment: Uint8Array): Uint8Array {
  const digest = createHash("sha256").update(commitment).digest();
  digest[0] = 0x01;
  return new Uint8Array(digest);
}
