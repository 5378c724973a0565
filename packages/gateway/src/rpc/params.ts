import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import { JsonRpcError, RpcCode } from "../errors.ts";

/** Parameter checks of the gateway's methods: a malformed parameter is `-32602`, as in geth. */

export function addressParam(value: unknown, what = "address"): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }))
    throw new JsonRpcError(RpcCode.InvalidParams, `invalid ${what}`);
  return getAddress(value);
}

export function hashParam(value: unknown, what = "hash"): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new JsonRpcError(RpcCode.InvalidParams, `invalid ${what}`);
  return value.toLowerCase() as Hex;
}

export function bytesParam(value: unknown, what = "data"): Hex {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value))
    throw new JsonRpcError(RpcCode.InvalidParams, `invalid ${what}: expected 0x-prefixed bytes`);
  return value as Hex;
}

export function quantityParam(value: unknown, what = "quantity"): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value !== "string" || !isHex(value) || value === "0x")
    throw new JsonRpcError(RpcCode.InvalidParams, `invalid ${what}`);
  return BigInt(value);
}

export function objectParam(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new JsonRpcError(RpcCode.InvalidParams, `invalid ${what}: expected an object`);
  return value as Record<string, unknown>;
}

/** The log filter object of `eth_getLogs`, `eth_newFilter` and `logs` subscriptions, checked. */
export interface LogFilter {
  fromBlock?: unknown;
  toBlock?: unknown;
  blockHash?: Hex | undefined;
  address?: Address | Address[] | undefined;
  topics?: (Hex | Hex[] | null)[] | undefined;
}

export function logFilterParam(value: unknown): LogFilter {
  const filter = objectParam(value, "filter");
  const address =
    filter.address === undefined || filter.address === null
      ? undefined
      : Array.isArray(filter.address)
        ? filter.address.map((a) => addressParam(a))
        : addressParam(filter.address);
  let topics: (Hex | Hex[] | null)[] | undefined;
  if (filter.topics !== undefined && filter.topics !== null) {
    if (!Array.isArray(filter.topics) || filter.topics.length > 4)
      throw new JsonRpcError(RpcCode.InvalidParams, "invalid topics");
    topics = filter.topics.map((t: unknown) =>
      t === null ? null : Array.isArray(t) ? t.map((x) => hashParam(x, "topic")) : hashParam(t, "topic"),
    );
  }
  return {
    ...(filter.fromBlock !== undefined ? { fromBlock: filter.fromBlock } : {}),
    ...(filter.toBlock !== undefined ? { toBlock: filter.toBlock } : {}),
    ...(filter.blockHash !== undefined ? { blockHash: hashParam(filter.blockHash, "blockHash") } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(topics !== undefined ? { topics } : {}),
  };
}
