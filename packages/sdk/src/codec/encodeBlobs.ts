import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import {
  BLOB_ENCODING_VERSION,
  BLOB_HEADER_LENGTH,
  BYTES_PER_BLOB,
  BYTES_PER_FIELD_ELEMENT,
  FIELD_ELEMENTS_PER_BLOB,
  MAX_BLOB_PAYLOAD_BYTES,
  USABLE_BYTES_PER_BLOB,
  USABLE_BYTES_PER_FIELD_ELEMENT,
} from "./constants.ts";
import { BlobPayloadTooLargeError, MalformedRollupPayloadError } from "./errors.ts";

export interface EncodeBlobsParameters {
  /** The bytes to carry: a rollup payload ({@link encodeRollupPayload}). At most {@link MAX_BLOB_PAYLOAD_BYTES}. */
  payload: BytesLike;
}

/** The blobs, each {@link BYTES_PER_BLOB} bytes, in the order the transaction carries them. */
export type EncodeBlobsReturnType = Uint8Array[];

/**
 * Splits a payload into EIP-4844 blobs (Obscuro blob encoding, version 0):
 *
 * ```
 * stream = 0x00 (encoding version) || uint32be(len(payload)) || payload
 * chunk i = stream[31·i, 31·i + 31), zero-padded       (i = 0, 1, …)
 * blob b, field element f = 0x00 || chunk(4096·b + f)  (32 bytes, big-endian < BLS modulus)
 * blob count = ceil(len(stream) / 126,976); unused field elements are zero
 * ```
 *
 * The leading zero byte keeps every field element below the BLS12-381 modulus whatever the data;
 * the explicit length makes decoding exact (no terminator to search for) and canonical.
 * @throws {BlobPayloadTooLargeError} when the payload exceeds {@link MAX_BLOB_PAYLOAD_BYTES}.
 */
export function encodeBlobs({ payload }: EncodeBlobsParameters): EncodeBlobsReturnType {
  const data = bytesOf(payload);
  if (data === undefined)
    throw new MalformedRollupPayloadError("The payload is not bytes.", { details: "expected hex or a Uint8Array" });
  if (data.length > MAX_BLOB_PAYLOAD_BYTES)
    throw new BlobPayloadTooLargeError("The payload does not fit in one transaction's blobs.", {
      details: `${data.length} bytes; at most ${MAX_BLOB_PAYLOAD_BYTES} (6 blobs)`,
    });
  const streamLength = BLOB_HEADER_LENGTH + data.length;
  const count = Math.ceil(streamLength / USABLE_BYTES_PER_BLOB);
  const stream = new Uint8Array(count * USABLE_BYTES_PER_BLOB);
  stream[0] = BLOB_ENCODING_VERSION;
  new DataView(stream.buffer).setUint32(1, data.length, false);
  stream.set(data, BLOB_HEADER_LENGTH);

  const blobs: Uint8Array[] = [];
  for (let b = 0; b < count; b++) {
    const blob = new Uint8Array(BYTES_PER_BLOB);
    for (let f = 0; f < FIELD_ELEMENTS_PER_BLOB; f++) {
      const start = (b * FIELD_ELEMENTS_PER_BLOB + f) * USABLE_BYTES_PER_FIELD_ELEMENT;
      if (start >= streamLength) break; // the rest of the blob stays zero
      blob.set(stream.subarray(start, start + USABLE_BYTES_PER_FIELD_ELEMENT), f * BYTES_PER_FIELD_ELEMENT + 1);
    }
    blobs.push(blob);
  }
  return blobs;
}
