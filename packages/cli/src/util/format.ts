import { InvalidArgumentError } from "commander";
import { formatEther, getAddress, isAddress, isHex, parseEther, type Address, type Hex } from "viem";

/**
 * The L1's time (its latest block's timestamp) once a command has connected: "in 5 min" and "ago"
 * count from it, since a test chain's clock can be far from the wall clock.
 */
let chainTime: number | undefined;

/** Sets the time {@link formatTime} counts from (the latest L1 block's timestamp). */
export function setChainTime(timestamp: bigint | number): void {
  chainTime = Number(timestamp);
}

/**
 * Unix seconds as an ISO time (UTC) and how far it is from now (the L1's time once connected):
 * `2026-01-02T03:04:05Z (in 2 h 5 min)`.
 */
export function formatTime(unix: bigint | number, now: number = chainTime ?? Date.now() / 1000): string {
  const seconds = Number(unix);
  if (seconds === 0) return "never";
  const iso = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const delta = Math.round(seconds - now);
  return `${iso} (${delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`})`;
}

/** Seconds as `2 d 3 h`, `5 h 2 min`, `4 min 10 s` or `12 s`. */
export function formatDuration(seconds: number | bigint): string {
  let s = Number(seconds);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** OBX (or ETH) wei as a decimal with its unit. */
export function formatToken(wei: bigint, unit = "OBX"): string {
  return `${formatEther(wei)} ${unit}`;
}

/** A JSON replacer that writes bigints as decimal strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

// ───────────────────────────────────────────── argument parsers (commander), each a one-sentence refusal

/** `7d`, `12h`, `30m`, `45s` or plain seconds → seconds. */
export function parseDuration(value: string): bigint {
  const match = /^(\d+)\s*(d|h|m|min|s)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError("not a duration (e.g. 86400, 90m, 12h or 7d).");
  const unit = { d: 86_400n, h: 3600n, m: 60n, min: 60n, s: 1n }[match[2] ?? "s"]!;
  return BigInt(match[1]!) * unit;
}

/** An address (any case; checksummed on the way out). */
export function parseAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) throw new InvalidArgumentError("not an address (0x and 40 hex digits).");
  return getAddress(value);
}

/** A comma-separated list of addresses. */
export function parseAddressList(value: string): Address[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.some((p) => !isAddress(p, { strict: false }))) {
    throw new InvalidArgumentError("not a comma-separated list of addresses.");
  }
  return parts.map((p) => getAddress(p));
}

/** A 32-byte hex value (a measurement, a rollup hash). */
export function parseBytes32(value: string): Hex {
  if (!isHex(value) || value.length !== 66) throw new InvalidArgumentError("not 32 bytes in hex (0x and 64 digits).");
  return value.toLowerCase() as Hex;
}

/** A token amount in whole units with decimals (`10000`, `0.5`) → wei. */
export function parseTokenAmount(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value.trim())) {
    throw new InvalidArgumentError("not an amount (a decimal number of tokens, e.g. 10000 or 2.5).");
  }
  return parseEther(value.trim());
}

/** A non-negative integer. */
export function parseUint(value: string): bigint {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("not a non-negative integer.");
  return BigInt(value.trim());
}

/** A positive integer that fits a JavaScript number. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("not a positive integer.");
  return n;
}
