import { z } from "zod";

/**
 * The enclave RPC's wire types. JSON has no bigint and no bytes: integers travel as decimal
 * strings, bytes as 0x-hex strings, and these schemas turn them back into `bigint` and `Hex` on
 * whichever side reads them.
 */
export const wire = {
  /** A non-negative integer: a bigint on either side, a decimal string (or safe number) on the wire. */
  bigint: z
    .union([
      z.bigint().nonnegative(),
      z.string().regex(/^\d{1,78}$/, "a decimal integer"),
      z.number().int().nonnegative(),
    ])
    .transform((value) => BigInt(value)),
  /** A JSON-RPC quantity: 0x-hex without leading zeros (`0x0`, `0x1c9c380`). */
  quantity: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, "a 0x-hex quantity") as unknown as z.ZodType<`0x${string}`>,
  /** 0x-hex bytes of any length. */
  hex: z.string().regex(/^0x([0-9a-fA-F]{2})*$/, "0x-hex bytes") as unknown as z.ZodType<`0x${string}`>,
  /** A 32-byte hash. */
  hash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hash") as unknown as z.ZodType<`0x${string}`>,
  /** A 20-byte address. */
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte address") as unknown as z.ZodType<`0x${string}`>,
};

/** `JSON.stringify` that writes bigints as decimal strings (what `wire.bigint` reads). */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
