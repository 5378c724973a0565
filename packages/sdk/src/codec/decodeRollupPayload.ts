import { brotliDecompressSync } from "node:zlib";
import { decode as rlpDecode } from "@ethereumjs/rlp";
import { gcm } from "@noble/ciphers/aes.js";
import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import { epochKeyBytes } from "../crypto/epochKey.ts";
import { computeRollupPayloadAad, type RollupPayloadContext } from "./computeRollupPayloadAad.ts";
import {
  MAX_ROLLUP_TRANSACTIONS_BYTES,
  ROLLUP_PAYLOAD_NONCE_LENGTH,
  ROLLUP_PAYLOAD_OVERHEAD,
  ROLLUP_PAYLOAD_VERSION,
} from "./constants.ts";
import {
  MalformedRollupPayloadError,
  MalformedTransactionListError,
  PayloadAuthenticationError,
  PayloadDecompressionError,
  PayloadTooLargeError,
  UnsupportedPayloadVersionError,
} from "./errors.ts";

export interface DecodeRollupPayloadParameters extends RollupPayloadContext {
  /** The payload, as read from the blobs ({@link decodeBlobs}) or the calldata. */
  payload: BytesLike;
  /** The 32-byte rollup key of `keyEpoch` (derived, or disclosed on L1). */
  epochKey: BytesLike;
}

/** The rollup's L2 transactions, in order. */
export type DecodeRollupPayloadReturnType = Uint8Array[];

/**
 * Decodes a payload made by {@link encodeRollupPayload}: checks the version, authenticates and
 * decrypts under the epoch key and context, decompresses with a cap of
 * {@link MAX_ROLLUP_TRANSACTIONS_BYTES}, and parses one canonical RLP list of byte strings.
 * Every failure is a typed error; nothing unauthenticated is ever decompressed or parsed.
 * @throws {MalformedRollupPayloadError} shorter than version + nonce + tag.
 * @throws {UnsupportedPayloadVersionError} unknown version byte.
 * @throws {PayloadAuthenticationError} wrong key or context, or altered bytes.
 * @throws {PayloadTooLargeError} decompresses beyond the cap.
 * @throws {PayloadDecompressionError} not a brotli stream.
 * @throws {MalformedTransactionListError} not a canonical RLP list of byte strings.
 */
export function decodeRollupPayload(parameters: DecodeRollupPayloadParameters): DecodeRollupPayloadReturnType {
  const key = epochKeyBytes(parameters.epochKey);
  const payload = bytesOf(parameters.payload);
  if (payload === undefined)
    throw new MalformedRollupPayloadError("The rollup payload is not bytes.", {
      details: "expected hex or a Uint8Array",
    });
  if (payload.length < ROLLUP_PAYLOAD_OVERHEAD)
    throw new MalformedRollupPayloadError("The rollup payload is truncated.", {
      details: `${payload.length} bytes; at least ${ROLLUP_PAYLOAD_OVERHEAD} (version, nonce, tag) expected`,
    });
  const version = payload[0]!;
  if (version !== ROLLUP_PAYLOAD_VERSION)
    throw new UnsupportedPayloadVersionError("Unknown rollup payload version.", {
      details: `version 0x${version.toString(16).padStart(2, "0")}; this SDK reads 0x00`,
    });
  const aad = computeRollupPayloadAad({ ...parameters, version });
  const nonce = payload.subarray(1, 1 + ROLLUP_PAYLOAD_NONCE_LENGTH);
  const sealed = payload.subarray(1 + ROLLUP_PAYLOAD_NONCE_LENGTH);

  let compressed: Uint8Array;
  try {
    compressed = gcm(key, nonce, aad).decrypt(sealed);
  } catch (cause) {
    throw new PayloadAuthenticationError("The rollup payload does not authenticate.", {
      details: "wrong epoch key, wrong chain/contract/epoch, or altered bytes",
      cause,
    });
  }

  let rlp: Uint8Array;
  try {
    // Copy out of the Buffer (which may be a slice of Node's shared pool) into memory of our own.
    rlp = new Uint8Array(brotliDecompressSync(compressed, { maxOutputLength: MAX_ROLLUP_TRANSACTIONS_BYTES }));
  } catch (cause) {
    if ((cause as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE")
      throw new PayloadTooLargeError("The rollup payload decompresses beyond the cap.", {
        details: `more than ${MAX_ROLLUP_TRANSACTIONS_BYTES} bytes`,
        cause,
      });
    throw new PayloadDecompressionError("The rollup payload is not a valid brotli stream.", { cause });
  }

  let decoded: unknown;
  try {
    decoded = rlpDecode(rlp);
  } catch (cause) {
    throw new MalformedTransactionListError("The transaction list is not canonical RLP.", { cause });
  }
  if (!Array.isArray(decoded))
    throw new MalformedTransactionListError("The transaction list is not an RLP list.", {
      details: "got an RLP string",
    });
  return decoded.map((item: unknown, index: number) => {
    if (!(item instanceof Uint8Array))
      throw new MalformedTransactionListError("A transaction is an RLP list, not a byte string.", {
        details: `item ${index}`,
      });
    return item;
  });
}
