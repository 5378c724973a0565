import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { nativeKeccak256 } from "../crypto.ts";
import { SealedDataError, SealingKeyError } from "../errors.ts";

const FORMAT_VERSION = 1;
const EPOCH_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + EPOCH_BYTES + NONCE_BYTES;
/** Bytes a sealed value adds to its plaintext. */
export const SEAL_OVERHEAD = HEADER_BYTES + TAG_BYTES;
const EPOCH_KEY_CACHE = 4096;

/**
 * AES-256-GCM sealing of everything the chain writes to disk, and blinding of the keys it is
 * stored under (docs/l2-chain.md, "Sealing"):
 *
 * - `sealed = 0x01 || epoch (16) || nonce (12) || AES-256-GCM(K_epoch, nonce, aad, plaintext) || tag (16)`.
 *   Each write batch draws a random 16-byte epoch and uses `K_epoch = HKDF-SHA256(K_enc, info =
 *   "obscuro/seal/v1" || epoch)` with counter nonces, so no (key, nonce) pair repeats however
 *   much is written (random 96-bit nonces under one key would cap it at 2^32 values).
 * - The `aad` is where the value lives (its blinded key, or the journal's label), so the host
 *   cannot move a sealed value to another key.
 * - Keys are `domain || keccak256(K_blind || domain || logical key)`: the host sees neither trie
 *   node hashes (which would let it test guesses of a balance) nor transaction hashes. Keccak
 *   with the key in front is a PRF (no length extension, unlike SHA-256, so no HMAC needed),
 *   and its native binding costs a third of an HMAC call per key.
 *
 * `K_enc` and `K_blind` are derived from the sealing key with HKDF-SHA256.
 */
export class Sealer {
  readonly #encryptionKey: Buffer;
  /** `K_blind`, with room after it for the domain and the logical key. */
  readonly #blindingInput: Buffer;
  readonly #epochKeys = new Map<string, Buffer>();

  constructor(sealingKey: Uint8Array) {
    if (sealingKey.length !== 32) {
      throw new SealingKeyError("A sealing key is 32 bytes.", { details: `${sealingKey.length} given` });
    }
    this.#encryptionKey = derive(sealingKey, "obscuro/seal/encryption");
    this.#blindingInput = Buffer.alloc(32 + 1 + 64);
    derive(sealingKey, "obscuro/seal/blinding").copy(this.#blindingInput);
  }

  /** The storage key of `logicalKey` in table `domain`: the domain byte, then a 32-byte PRF output. */
  blind(domain: number, logicalKey: Uint8Array): Uint8Array {
    const input =
      logicalKey.length <= 64 ? this.#blindingInput : Buffer.concat([this.#blindingInput.subarray(0, 33), logicalKey]);
    input[32] = domain;
    input.set(logicalKey, 33);
    const key = new Uint8Array(33);
    key[0] = domain;
    key.set(nativeKeccak256(input.subarray(0, 33 + logicalKey.length)), 1);
    return key;
  }

  /** A fresh sealing epoch for one write batch. */
  batch(): SealBatch {
    const epoch = randomBytes(EPOCH_BYTES);
    return new SealBatch(epoch, this.#epochKey(epoch));
  }

  /**
   * Opens a sealed value written under `aad`.
   * @throws {SealedDataError} when it was altered, moved, or sealed under another key.
   */
  open(aad: Uint8Array, sealed: Uint8Array): Uint8Array {
    if (sealed.length < SEAL_OVERHEAD || sealed[0] !== FORMAT_VERSION) {
      throw new SealedDataError("A sealed value is malformed.", { details: `${sealed.length} bytes` });
    }
    const epoch = sealed.subarray(1, 1 + EPOCH_BYTES);
    const nonce = sealed.subarray(1 + EPOCH_BYTES, HEADER_BYTES);
    const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#epochKey(epoch), nonce);
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      const first = decipher.update(body);
      const last = decipher.final();
      const out = last.length === 0 ? first : Buffer.concat([first, last]);
      // A plain Uint8Array, so that values read back equal values written (Buffer is a subclass).
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (cause) {
      throw new SealedDataError("A sealed value failed authentication.", {
        details: "the wrong sealing key, or data altered or moved on disk",
        cause,
      });
    }
  }

  #epochKey(epoch: Uint8Array): Buffer {
    const id = Buffer.from(epoch.buffer, epoch.byteOffset, epoch.length).toString("hex");
    let key = this.#epochKeys.get(id);
    if (key === undefined) {
      if (this.#epochKeys.size >= EPOCH_KEY_CACHE) this.#epochKeys.clear();
      key = Buffer.from(hkdfSync("sha256", this.#encryptionKey, new Uint8Array(0), concatInfo(epoch), 32));
      this.#epochKeys.set(id, key);
    }
    return key;
  }
}

/** Seals the values of one write batch: one epoch key, counter nonces. */
export class SealBatch {
  readonly #epoch: Uint8Array;
  readonly #key: Buffer;
  #counter = 0n;

  constructor(epoch: Uint8Array, key: Buffer) {
    this.#epoch = epoch;
    this.#key = key;
  }

  seal(aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const nonce = Buffer.alloc(NONCE_BYTES);
    nonce.writeBigUInt64BE(this.#counter++, NONCE_BYTES - 8);
    const cipher = createCipheriv("aes-256-gcm", this.#key, nonce);
    cipher.setAAD(aad);
    const out = Buffer.allocUnsafe(SEAL_OVERHEAD + plaintext.length);
    out[0] = FORMAT_VERSION;
    out.set(this.#epoch, 1);
    out.set(nonce, 1 + EPOCH_BYTES);
    const body = cipher.update(plaintext);
    out.set(body, HEADER_BYTES);
    const last = cipher.final();
    out.set(last, HEADER_BYTES + body.length);
    out.set(cipher.getAuthTag(), HEADER_BYTES + plaintext.length);
    return out;
  }
}

function derive(key: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", key, new Uint8Array(0), info, 32));
}

function concatInfo(epoch: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from("obscuro/seal/v1"), epoch]);
}
