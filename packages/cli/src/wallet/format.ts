import { formatUnits, parseUnits } from "viem";
import { UserError } from "./errors.ts";

/** An amount typed by a person ("1.5") in the token's units. */
export function parseAmount(text: string, decimals: number, what = "amount"): bigint {
  if (!/^\d+(\.\d+)?$/.test(text.trim()))
    throw new UserError(`The ${what} "${text}" is not a decimal number.`, "INVALID_AMOUNT");
  const value = parseUnits(text.trim(), decimals);
  if (value === 0n) throw new UserError(`The ${what} must be more than zero.`, "INVALID_AMOUNT");
  return value;
}

export function formatAmount(value: bigint, decimals: number, symbol: string): string {
  return `${formatUnits(value, decimals)} ${symbol}`;
}

/** "about 2 min", "about 45 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}
