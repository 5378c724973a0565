export {
  BLOB_ENCODING_VERSION,
  BLOB_HEADER_LENGTH,
  BYTES_PER_BLOB,
  BYTES_PER_FIELD_ELEMENT,
  DEFAULT_BROTLI_QUALITY,
  FIELD_ELEMENTS_PER_BLOB,
  MAX_BLOB_PAYLOAD_BYTES,
  MAX_BLOBS_PER_TRANSACTION,
  MAX_ROLLUP_TRANSACTIONS_BYTES,
  ROLLUP_PAYLOAD_NONCE_LENGTH,
  ROLLUP_PAYLOAD_OVERHEAD,
  ROLLUP_PAYLOAD_TAG_LENGTH,
  ROLLUP_PAYLOAD_VERSION,
  USABLE_BYTES_PER_BLOB,
  USABLE_BYTES_PER_FIELD_ELEMENT,
  VERSIONED_HASH_VERSION_KZG,
} from "./constants.ts";
export {
  BlobPayloadTooLargeError,
  BlobVersionedHashMismatchError,
  InvalidRollupPayloadParameterError,
  InvalidVersionedHashError,
  KzgUnavailableError,
  MalformedBlobsError,
  MalformedRollupPayloadError,
  MalformedTransactionListError,
  PayloadAuthenticationError,
  PayloadDecompressionError,
  PayloadTooLargeError,
  UnsupportedPayloadVersionError,
} from "./errors.ts";
export { buildRollupBlobs } from "./buildRollupBlobs.ts";
export type { BuildRollupBlobsParameters, BuildRollupBlobsReturnType } from "./buildRollupBlobs.ts";
export { computeBlobDataHash } from "./computeBlobDataHash.ts";
export { computeCalldataDataHash } from "./computeCalldataDataHash.ts";
export { computeRollupPayloadAad } from "./computeRollupPayloadAad.ts";
export type { ComputeRollupPayloadAadParameters, RollupPayloadContext } from "./computeRollupPayloadAad.ts";
export { decodeBlobs } from "./decodeBlobs.ts";
export type { DecodeBlobsParameters, DecodeBlobsReturnType } from "./decodeBlobs.ts";
export { decodeRollupPayload } from "./decodeRollupPayload.ts";
export type { DecodeRollupPayloadParameters, DecodeRollupPayloadReturnType } from "./decodeRollupPayload.ts";
export { encodeBlobs } from "./encodeBlobs.ts";
export type { EncodeBlobsParameters, EncodeBlobsReturnType } from "./encodeBlobs.ts";
export { encodeRollupPayload } from "./encodeRollupPayload.ts";
export type { EncodeRollupPayloadParameters, EncodeRollupPayloadReturnType } from "./encodeRollupPayload.ts";
export { getKzg } from "./getKzg.ts";
export type { SharedKzg } from "./getKzg.ts";
export { assertBlobVersionedHashes } from "./assertBlobVersionedHashes.ts";
export type { AssertBlobVersionedHashesParameters } from "./assertBlobVersionedHashes.ts";
