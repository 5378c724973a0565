import { isHex, size, type Hex } from "viem";
import { InvalidAttestationInputError } from "./errors.ts";

/** Checks that `value` is hex of exactly `bytes` bytes and returns it in lower case. */
export function expectHex(value: unknown, bytes: number, what: string): Hex {
  if (typeof value !== "string" || !isHex(value, { strict: true }) || size(value) !== bytes || value.length % 2 !== 0) {
    throw new InvalidAttestationInputError(`${what} must be ${bytes} bytes of hex.`, {
      details: `got ${String(value)}`,
    });
  }
  return value.toLowerCase() as Hex;
}

/** Checks that `value` is an integer in [0, 2^bits). */
export function expectUint(value: number | bigint, bits: number, what: string): bigint {
  const n = typeof value === "bigint" ? value : Number.isSafeInteger(value) ? BigInt(value) : -1n;
  if (n < 0n || n >= 1n << BigInt(bits)) {
    throw new InvalidAttestationInputError(`${what} must be an unsigned ${bits}-bit integer.`, {
      details: `got ${String(value)}`,
    });
  }
  return n;
}

/** `value` as `bytes` little-endian bytes, in hex without the 0x prefix. */
export function littleEndian(value: bigint, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i++)
    out += Number((value >> BigInt(8 * i)) & 0xffn)
      .toString(16)
      .padStart(2, "0");
  return out;
}

/** Reads a little-endian unsigned integer from hex without the 0x prefix. */
export function readLittleEndian(hex: string): bigint {
  let value = 0n;
  for (let i = hex.length - 2; i >= 0; i -= 2) value = (value << 8n) | BigInt(`0x${hex.slice(i, i + 2)}`);
  return value;
}
