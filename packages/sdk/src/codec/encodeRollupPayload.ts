import { brotliCompressSync, constants as zlib } from "node:zlib";
import { encode as rlpEncode } from "@ethereumjs/rlp";
import { gcm } from "@noble/ciphers/aes.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import { epochKeyBytes } from "../crypto/epochKey.ts";
import { computeRollupPayloadAad, type RollupPayloadContext } from "./computeRollupPayloadAad.ts";
import {
  DEFAULT_BROTLI_QUALITY,
  MAX_ROLLUP_TRANSACTIONS_BYTES,
  ROLLUP_PAYLOAD_NONCE_LENGTH,
  ROLLUP_PAYLOAD_VERSION,
} from "./constants.ts";
import { InvalidRollupPayloadParameterError, PayloadTooLargeError } from "./errors.ts";

export interface EncodeRollupPayloadParameters extends RollupPayloadContext {
  /** The L2 transactions of the rollup, in order: opaque byte strings (already-signed transactions). */
  transactions: readonly BytesLike[];
  /** The 32-byte rollup key of `keyEpoch` ({@link deriveRollupEpochKey}). */
  epochKey: BytesLike;
  /**
   * The 12-byte AES-GCM nonce. Default: 12 fresh random bytes, which is what production must
   * use. Only test vectors pass a fixed nonce: a nonce used twice under one key breaks GCM.
   */
  nonce?: BytesLike | undefined;
  /** Brotli quality, 0–11. Default {@link DEFAULT_BROTLI_QUALITY}. Any quality decodes the same. */
  quality?: number | undefined;
}

/** `version (1) || nonce (12) || AES-256-GCM ciphertext || tag (16)`. */
export type EncodeRollupPayloadReturnType = Uint8Array;

/**
 * Encodes a rollup's transactions as the encrypted payload published on L1:
 *
 * ```
 * payload = 0x00 || nonce (12) || AES-256-GCM(epochKey, nonce, aad, brotli(rlp([tx0, tx1, …])))
 * aad     = computeRollupPayloadAad(version, chainId, rollupContract, keyEpoch)   (37 bytes)
 * ```
 *
 * Compression comes before encryption (ciphertext does not compress).
 * @throws {PayloadTooLargeError} when `rlp(txs)` exceeds {@link MAX_ROLLUP_TRANSACTIONS_BYTES}.
 * @throws {InvalidRollupPayloadParameterError} for a malformed transaction, nonce, quality, chain id or contract.
 * @throws {InvalidEpochKeyError} when the key is not 32 bytes.
 * @throws {InvalidKeyEpochError} when the epoch is out of range.
 */
export function encodeRollupPayload(parameters: EncodeRollupPayloadParameters): EncodeRollupPayloadReturnType {
  const key = epochKeyBytes(parameters.epochKey);
  const aad = computeRollupPayloadAad(parameters);
  const transactions = parameters.transactions.map((transaction, index) => {
    const bytes = bytesOf(transaction);
    if (bytes === undefined)
      throw new InvalidRollupPayloadParameterError("A transaction is not bytes.", { details: `transaction ${index}` });
    return bytes;
  });
  const quality = parameters.quality ?? DEFAULT_BROTLI_QUALITY;
  if (!Number.isInteger(quality) || quality < zlib.BROTLI_MIN_QUALITY || quality > zlib.BROTLI_MAX_QUALITY)
    throw new InvalidRollupPayloadParameterError("The brotli quality is not an integer in [0, 11].", {
      details: `got ${quality}`,
    });
  let nonce: Uint8Array;
  if (parameters.nonce === undefined) nonce = randomBytes(ROLLUP_PAYLOAD_NONCE_LENGTH);
  else {
    const given = bytesOf(parameters.nonce);
    if (given === undefined || given.length !== ROLLUP_PAYLOAD_NONCE_LENGTH)
      throw new InvalidRollupPayloadParameterError("The nonce is not 12 bytes.", {
        details: given === undefined ? "not hex or a Uint8Array" : `got ${given.length} bytes`,
      });
    nonce = given;
  }

  const rlp = rlpEncode(transactions);
  if (rlp.length > MAX_ROLLUP_TRANSACTIONS_BYTES)
    throw new PayloadTooLargeError("The transaction list is too large for one rollup.", {
      details: `rlp(txs) is ${rlp.length} bytes; the limit is ${MAX_ROLLUP_TRANSACTIONS_BYTES}`,
    });
  const compressed = brotliCompressSync(rlp, {
    params: {
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_GENERIC,
      [zlib.BROTLI_PARAM_QUALITY]: quality,
      [zlib.BROTLI_PARAM_SIZE_HINT]: rlp.length,
    },
  });
  const sealed = gcm(key, nonce, aad).encrypt(compressed);

  const payload = new Uint8Array(1 + ROLLUP_PAYLOAD_NONCE_LENGTH + sealed.length);
  payload[0] = ROLLUP_PAYLOAD_VERSION;
  payload.set(nonce, 1);
  payload.set(sealed, 1 + ROLLUP_PAYLOAD_NONCE_LENGTH);
  return payload;
}
