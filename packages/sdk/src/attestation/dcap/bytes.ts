import type { Hex } from "viem";
import { DcapError } from "./errors.ts";

/** Lower-case `0x` hex of `bytes`. */
export function toHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

/** Bytes of a hex string, with or without `0x`, either letter case. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new DcapError("DCAP_MALFORMED_JSON", "Not a hex string.", { details: clean.slice(0, 64) });
  }
  return new Uint8Array(Buffer.from(clean, "hex"));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Little-endian unsigned integer of `length` ≤ 6 bytes at `offset`. */
export function readUintLE(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + bytes[offset + i]!;
  return value;
}

/** Unix seconds of a UTC calendar date (proleptic Gregorian), as the contracts compute it. */
export function unixTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    year >= 1970;
  if (!valid) throw new DcapError("DCAP_MALFORMED_TIME", "Not a valid UTC date.");
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `YYYY-MM-DDTHH:MM:SSZ` (the only form Intel's PCS JSON uses) to unix seconds. */
export function parseIsoTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(text);
  if (!m) throw new DcapError("DCAP_MALFORMED_TIME", "Not a `YYYY-MM-DDTHH:MM:SSZ` time.", { details: text });
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return unixTime(y, mo, d, h, mi, s);
}

/** ISO 8601 text of unix seconds, for output. */
export function formatTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}
