import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import {
  BLOB_ENCODING_VERSION,
  BLOB_HEADER_LENGTH,
  BYTES_PER_BLOB,
  BYTES_PER_FIELD_ELEMENT,
  FIELD_ELEMENTS_PER_BLOB,
  MAX_BLOBS_PER_TRANSACTION,
  USABLE_BYTES_PER_BLOB,
  USABLE_BYTES_PER_FIELD_ELEMENT,
} from "./constants.ts";
import { MalformedBlobsError } from "./errors.ts";

export interface DecodeBlobsParameters {
  /** A rollup transaction's blobs, in the order of its versioned hashes. */
  blobs: readonly BytesLike[];
}

/** The payload the blobs carry. */
export type DecodeBlobsReturnType = Uint8Array;

/**
 * Reads the payload back from blobs made by {@link encodeBlobs}. Strict: accepts exactly the
 * blobs `encodeBlobs` produces for some payload (every field element's first byte zero, known
 * encoding version, the minimal number of blobs, zero padding after the payload), so one payload
 * has one encoding and the decoder never reads past what the encoder wrote.
 * @throws {MalformedBlobsError} for anything else.
 */
export function decodeBlobs({ blobs }: DecodeBlobsParameters): DecodeBlobsReturnType {
  const fail = (message: string, details?: string): never => {
    throw new MalformedBlobsError(message, { details });
  };
  if (blobs.length === 0) fail("No blobs.");
  if (blobs.length > MAX_BLOBS_PER_TRANSACTION)
    fail("Too many blobs.", `${blobs.length}; at most ${MAX_BLOBS_PER_TRANSACTION}`);

  const stream = new Uint8Array(blobs.length * USABLE_BYTES_PER_BLOB);
  blobs.forEach((value, b) => {
    const blob = bytesOf(value);
    if (blob === undefined || blob.length !== BYTES_PER_BLOB)
      fail("A blob has the wrong size.", `blob ${b}: ${blob === undefined ? "not bytes" : `${blob.length} bytes`}`);
    for (let f = 0; f < FIELD_ELEMENTS_PER_BLOB; f++) {
      const offset = f * BYTES_PER_FIELD_ELEMENT;
      if (blob![offset] !== 0) fail("A field element does not start with a zero byte.", `blob ${b}, element ${f}`);
      stream.set(
        blob!.subarray(offset + 1, offset + BYTES_PER_FIELD_ELEMENT),
        (b * FIELD_ELEMENTS_PER_BLOB + f) * USABLE_BYTES_PER_FIELD_ELEMENT,
      );
    }
  });

  if (stream[0] !== BLOB_ENCODING_VERSION) fail("Unknown blob encoding version.", `version ${stream[0]}`);
  const length = new DataView(stream.buffer).getUint32(1, false);
  const end = BLOB_HEADER_LENGTH + length;
  if (end > stream.length) fail("The payload length exceeds the blobs.", `${length} bytes in ${blobs.length} blobs`);
  const expectedCount = Math.ceil(end / USABLE_BYTES_PER_BLOB);
  if (expectedCount !== blobs.length)
    fail("Wrong number of blobs for the payload length.", `${blobs.length} blobs; ${expectedCount} expected`);
  for (let i = end; i < stream.length; i++) if (stream[i] !== 0) fail("Non-zero padding after the payload.", `at ${i}`);
  return stream.slice(BLOB_HEADER_LENGTH, end);
}
