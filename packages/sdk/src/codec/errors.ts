import { BaseError } from "../errors/BaseError.ts";

/** A parameter of the rollup codec is out of its domain (nonce length, chain id, contract, quality, transaction). */
export class InvalidRollupPayloadParameterError extends BaseError {
  readonly code = "INVALID_ROLLUP_PAYLOAD_PARAMETER";
}

/** The payload is shorter than its fixed header and tag, or is not bytes at all. */
export class MalformedRollupPayloadError extends BaseError {
  readonly code = "MALFORMED_ROLLUP_PAYLOAD";
}

/** The payload's first byte names a format this SDK does not know. */
export class UnsupportedPayloadVersionError extends BaseError {
  readonly code = "UNSUPPORTED_PAYLOAD_VERSION";
}

/**
 * AES-256-GCM refused the payload: wrong epoch key, wrong context (chain, contract, epoch) or any
 * byte altered. Nothing of the plaintext is released.
 */
export class PayloadAuthenticationError extends BaseError {
  readonly code = "PAYLOAD_AUTHENTICATION_FAILED";
}

/**
 * The transaction list is larger than {@link MAX_ROLLUP_TRANSACTIONS_BYTES}: on encoding, a batch
 * too large; on decoding, a payload that decompresses beyond the cap (a decompression bomb).
 */
export class PayloadTooLargeError extends BaseError {
  readonly code = "PAYLOAD_TOO_LARGE";
}

/** The authenticated plaintext is not a valid brotli stream. */
export class PayloadDecompressionError extends BaseError {
  readonly code = "PAYLOAD_DECOMPRESSION_FAILED";
}

/** The decompressed bytes are not one canonical RLP list of byte strings. */
export class MalformedTransactionListError extends BaseError {
  readonly code = "MALFORMED_TRANSACTION_LIST";
}

/** The payload does not fit in the blobs one transaction may carry. */
export class BlobPayloadTooLargeError extends BaseError {
  readonly code = "BLOB_PAYLOAD_TOO_LARGE";
}

/** Blobs that are not a canonical encoding of a payload (size, framing, non-zero padding, count). */
export class MalformedBlobsError extends BaseError {
  readonly code = "MALFORMED_BLOBS";
}

/** A blob does not match the versioned hash it should have (wrong blob, or wrong order). */
export class BlobVersionedHashMismatchError extends BaseError {
  readonly code = "BLOB_VERSIONED_HASH_MISMATCH";
}

/** The KZG library (c-kzg) or its trusted setup could not be loaded. */
export class KzgUnavailableError extends BaseError {
  readonly code = "KZG_UNAVAILABLE";
}

/** A versioned hash that is not 32 bytes starting with the KZG version byte `0x01`, or an empty list. */
export class InvalidVersionedHashError extends BaseError {
  readonly code = "INVALID_VERSIONED_HASH";
}
