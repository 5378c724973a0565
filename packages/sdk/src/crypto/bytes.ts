import { hexToBytes, isHex, type ByteArray, type Hex } from "viem";

/** Bytes given either as a `0x`-prefixed hex string or as a `Uint8Array`. */
export type BytesLike = Hex | ByteArray;

/**
 * Returns `value` as bytes, or `undefined` when it is neither a `Uint8Array` nor a well-formed
 * hex string (the caller turns that into its own typed error).
 * @internal
 */
export function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string" && isHex(value, { strict: true }) && value.length % 2 === 0) return hexToBytes(value);
  return undefined;
}

/**
 * Encodes a non-negative integer below 2^64 as 8 big-endian bytes.
 * @internal
 */
export function uint64BigEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, false);
  return out;
}
