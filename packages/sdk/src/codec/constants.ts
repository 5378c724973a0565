/**
 * Fixed parameters of the rollup data codecs. They are consensus rules: every node must decode
 * the same payloads the same way, so none of them is configurable. See docs/crypto.md.
 */

/** Version byte of the rollup payload format `0x00 || nonce || AES-256-GCM(brotli(rlp(txs)))`. */
export const ROLLUP_PAYLOAD_VERSION = 0x00;

/**
 * The versioned-hash version of KZG commitments (EIP-4844). No payload version may take this
 * value: in calldata mode the contract can then refuse a "payload" that is really a
 * concatenation of versioned hashes, which would otherwise share its `dataHash`.
 */
export const VERSIONED_HASH_VERSION_KZG = 0x01;

/** Length of the AES-256-GCM nonce of a rollup payload. */
export const ROLLUP_PAYLOAD_NONCE_LENGTH = 12;

/** Length of the AES-256-GCM tag at the end of a rollup payload. */
export const ROLLUP_PAYLOAD_TAG_LENGTH = 16;

/** Bytes of a payload besides the compressed transactions: version 1 + nonce 12 + tag 16 = 29. */
export const ROLLUP_PAYLOAD_OVERHEAD = 1 + ROLLUP_PAYLOAD_NONCE_LENGTH + ROLLUP_PAYLOAD_TAG_LENGTH;

/**
 * Largest RLP-encoded transaction list, in bytes (8 MiB). The encoder refuses larger batches and
 * the decoder stops decompressing beyond it, so a payload that decompresses without limit (a
 * decompression bomb) costs a node at most this much memory. Honest rollups stay far below it:
 * six blobs hold 744 KiB of compressed data.
 */
export const MAX_ROLLUP_TRANSACTIONS_BYTES = 8 * 1024 * 1024;

/**
 * Default brotli quality of the encoder (0–11). Not part of the format: decoding accepts any
 * quality. 6 is within about 1 % of the densest setting (11) on real transactions at 1/50 of the
 * CPU time (docs/benchmarks.md); rollups are built on the enclave's critical path, so a builder
 * passes 11 only where a few hundred milliseconds per 1000 transactions buy something (e.g. to
 * avoid spilling into one more blob, or in calldata mode).
 */
export const DEFAULT_BROTLI_QUALITY = 6;

/** Bytes in a field element of a blob (EIP-4844). */
export const BYTES_PER_FIELD_ELEMENT = 32;

/** Field elements in a blob (EIP-4844). */
export const FIELD_ELEMENTS_PER_BLOB = 4096;

/** Bytes in a blob: 131,072. */
export const BYTES_PER_BLOB = BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB;

/**
 * Data bytes a field element carries: its first byte is always zero, so the element is below the
 * BLS12-381 scalar modulus whatever the data.
 */
export const USABLE_BYTES_PER_FIELD_ELEMENT = 31;

/** Data bytes a blob carries: 4096 × 31 = 126,976. */
export const USABLE_BYTES_PER_BLOB = USABLE_BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB;

/** Version byte of the blob framing `0x00 || uint32be(length) || payload`. */
export const BLOB_ENCODING_VERSION = 0x00;

/** Bytes of the blob framing header: version (1) + payload length (4). */
export const BLOB_HEADER_LENGTH = 5;

/**
 * Most blobs one rollup transaction carries: 6, the per-transaction limit of EIP-7594 (Osaka).
 * Prague allows up to 9 per block but the protocol keeps to what every supported fork accepts.
 */
export const MAX_BLOBS_PER_TRANSACTION = 6;

/** Largest payload that fits in {@link MAX_BLOBS_PER_TRANSACTION} blobs: 6 × 126,976 − 5 = 761,851 bytes. */
export const MAX_BLOB_PAYLOAD_BYTES = MAX_BLOBS_PER_TRANSACTION * USABLE_BYTES_PER_BLOB - BLOB_HEADER_LENGTH;
