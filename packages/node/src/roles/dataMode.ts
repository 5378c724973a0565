/** Where a rollup's data goes on L1. */
export type DataMode = "blobs" | "calldata";

/**
 * Gas per calldata byte of a rollup payload: EIP-7623's floor of 10 gas per token, a non-zero byte
 * counting 4 tokens. An encrypted payload is all but entirely non-zero bytes, and a data-heavy
 * transaction pays the floor.
 */
export const CALLDATA_GAS_PER_BYTE = 40n;

/** Blob gas per blob (EIP-4844: 2^17). */
export const GAS_PER_BLOB = 131_072n;

/**
 * Payloads above this go in blobs whatever the fees: a transaction over 128 KiB is refused by L1
 * nodes' pools, and the header, signature and ABI encoding need room too. Anything up to it fits
 * one blob (126,971 payload bytes).
 */
export const MAX_CALLDATA_PAYLOAD_BYTES = 120_000;

/**
 * The cheaper place for a rollup payload of `payloadBytes` at the current L1 fees (the `auto` data
 * mode, as rollup batchers do): calldata at {@link CALLDATA_GAS_PER_BYTE} × the base fee, against
 * a blob at {@link GAS_PER_BLOB} × the blob base fee. Calldata when L1 has no blobs
 * (`blobBaseFee` undefined); blobs when the payload is too large for calldata. Everything else a
 * submission pays (its execution, the priority fee) is the same either way.
 */
export function chooseDataMode(parameters: {
  payloadBytes: number;
  baseFeePerGas: bigint;
  blobBaseFee: bigint | undefined;
}): DataMode {
  const { payloadBytes, baseFeePerGas, blobBaseFee } = parameters;
  if (blobBaseFee === undefined) return "calldata";
  if (payloadBytes > MAX_CALLDATA_PAYLOAD_BYTES) return "blobs";
  const calldataCost = BigInt(payloadBytes) * CALLDATA_GAS_PER_BYTE * baseFeePerGas;
  const blobCost = GAS_PER_BLOB * blobBaseFee; // one blob holds any payload calldata could carry
  return blobCost < calldataCost ? "blobs" : "calldata";
}
