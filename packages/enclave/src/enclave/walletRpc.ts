import { getAddress, isAddress, isHex, pad, parseTransaction, toHex, type Address, type Hex } from "viem";
import type { L2Chain } from "../chain/L2Chain.ts";
import type { L2Block, L2Log, L2Receipt } from "../chain/types.ts";

/**
 * The L2's Ethereum JSON-RPC as the enclave answers it, with the privacy rules of docs/privacy.md:
 *
 * - public, to anyone: chain id, block number and blocks (headers only: no transaction list),
 *   contract code, gas price, the network's public data;
 * - private, only to the account a viewing key speaks for: its balance and nonce, the receipts and
 *   transactions it sent or received (other parties' logs left out), the logs that name it and the
 *   logs of the transactions it sent, `eth_call` and `eth_estimateGas` run as that account (never
 *   as another), its withdrawals and balance proofs;
 * - never: another account's balance, nonce, receipts or logs, and `eth_getStorageAt` (any slot of
 *   any contract: storage is how contracts keep private data).
 *
 * Refusals are uniform: another account's data is "not authorized" whether or not it exists, an
 * unknown or foreign transaction is `null` alike, and a call's failure says nothing about state the
 * caller cannot see beyond what its own call returned.
 */

/** A JSON-RPC error (EIP-1474/EIP-1193 codes). */
export class RpcMethodError extends Error {
  readonly rpcCode: number;
  constructor(rpcCode: number, message: string) {
    super(message);
    this.rpcCode = rpcCode;
  }
}

export const RpcErrorCode = {
  InvalidParams: -32602,
  MethodNotFound: -32601,
  ExecutionReverted: 3,
  Unauthorized: 4100,
  ResourceUnavailable: -32002,
} as const;

/** Methods anyone may call, without a viewing key. */
export const PUBLIC_METHODS = new Set([
  "eth_chainId",
  "net_version",
  "eth_blockNumber",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getCode",
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_syncing",
]);

/** Methods only an authenticated account may call (about itself). */
export const PRIVATE_METHODS = new Set([
  "eth_getBalance",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_getTransactionByHash",
  "eth_getLogs",
  "eth_call",
  "eth_estimateGas",
  "eth_getStorageAt",
  "obscuro_getWithdrawals",
]);

/** Answers a public method. */
export async function answerPublic(chain: L2Chain, method: string, params: unknown[]): Promise<unknown> {
  switch (method) {
    case "eth_chainId":
      return toHex(chain.chainId);
    case "net_version":
      return chain.chainId.toString();
    case "eth_blockNumber":
      return toHex(chain.head.number);
    case "eth_syncing":
      return false;
    case "eth_gasPrice":
      return toHex(chain.nextBaseFee + 1_000_000_000n);
    case "eth_maxPriorityFeePerGas":
      return toHex(1_000_000_000n);
    case "eth_feeHistory":
      return feeHistory(chain, params);
    case "eth_getBlockByNumber": {
      const block = await chain.getBlock(blockNumberOf(chain, params[0]));
      return block ? formatBlock(block) : null;
    }
    case "eth_getBlockByHash": {
      const block = await chain.getBlock(hashParam(params[0]));
      return block ? formatBlock(block) : null;
    }
    case "eth_getCode":
      return chain.getCode(addressParam(params[0]));
    default:
      throw new RpcMethodError(RpcErrorCode.MethodNotFound, `the method ${method} does not exist/is not available`);
  }
}

/** Answers a private method for `account` (the one the viewing key speaks for). */
export async function answerPrivate(
  chain: L2Chain,
  account: Address,
  method: string,
  params: unknown[],
): Promise<unknown> {
  switch (method) {
    case "eth_getBalance":
      return toHex(await chain.getBalance(own(account, params[0])));
    case "eth_getTransactionCount":
      return toHex(await chain.getNonce(own(account, params[0])));
    case "eth_getTransactionReceipt":
      return receiptFor(chain, account, hashParam(params[0]));
    case "eth_getTransactionByHash":
      return transactionFor(chain, account, hashParam(params[0]));
    case "eth_getLogs":
      return logsFor(chain, account, params[0]);
    case "eth_call":
      return call(chain, account, params[0]);
    case "eth_estimateGas":
      return toHex(await chain.estimateGas(callRequest(account, params[0])));
    case "eth_getStorageAt":
      throw new RpcMethodError(RpcErrorCode.Unauthorized, "storage is private: read contracts through eth_call");
    default:
      throw new RpcMethodError(RpcErrorCode.MethodNotFound, `the method ${method} does not exist/is not available`);
  }
}

/** The account itself, or a refusal that does not say whether the other account exists. */
function own(account: Address, value: unknown): Address {
  const address = addressParam(value);
  if (address !== account)
    throw new RpcMethodError(RpcErrorCode.Unauthorized, "not authorized: another account's data");
  return address;
}

async function call(chain: L2Chain, account: Address, request: unknown): Promise<Hex> {
  const result = await chain.call(callRequest(account, request));
  if (result.reverted) {
    const error = new RpcMethodError(RpcErrorCode.ExecutionReverted, "execution reverted") as RpcMethodError & {
      data?: Hex;
    };
    error.data = result.returnData;
    throw error;
  }
  return result.returnData;
}

/** A call request run as `account`: a `from` naming anyone else is refused, not replaced. */
function callRequest(account: Address, value: unknown) {
  const request = (value ?? {}) as {
    from?: string;
    to?: string;
    data?: string;
    input?: string;
    value?: string;
    gas?: string;
    gasPrice?: string;
  };
  if (request.from !== undefined && (!isAddress(request.from) || getAddress(request.from) !== account)) {
    throw new RpcMethodError(RpcErrorCode.Unauthorized, "calls run as the authenticated account only");
  }
  const data = request.data ?? request.input;
  return {
    from: account,
    ...(request.to ? { to: addressParam(request.to) } : {}),
    ...(data !== undefined ? { data: hexParam(data) } : {}),
    ...(request.value !== undefined ? { value: quantity(request.value) } : {}),
    ...(request.gas !== undefined ? { gas: quantity(request.gas) } : {}),
    ...(request.gasPrice !== undefined ? { gasPrice: quantity(request.gasPrice) } : {}),
  };
}

async function receiptFor(chain: L2Chain, account: Address, hash: Hex): Promise<unknown> {
  const receipt = await chain.getReceipt(hash);
  if (!receipt) return null;
  if (receipt.from === account) return formatReceipt(receipt, receipt.logs);
  if (receipt.to === account || receipt.logs.some((log) => names(log, account))) {
    return formatReceipt(
      receipt,
      receipt.logs.filter((log) => names(log, account)),
    );
  }
  return null;
}

async function transactionFor(chain: L2Chain, account: Address, hash: Hex): Promise<unknown> {
  const location = await chain.getTransaction(hash);
  if (!location) return null;
  const receipt = await chain.getReceipt(hash);
  if (location.from !== account && receipt?.to !== account) return null;
  const parsed = parseTransaction(location.raw);
  return {
    hash: location.hash,
    blockHash: location.blockHash,
    blockNumber: toHex(location.blockNumber),
    transactionIndex: toHex(location.transactionIndex),
    from: location.from,
    to: parsed.to ?? null,
    nonce: toHex(parsed.nonce ?? 0),
    value: toHex(parsed.value ?? 0n),
    gas: toHex(parsed.gas ?? 0n),
    input: parsed.data ?? "0x",
    type: parsed.type === "legacy" ? "0x0" : parsed.type === "eip2930" ? "0x1" : "0x2",
    chainId: toHex(chain.chainId),
    ...(parsed.gasPrice !== undefined ? { gasPrice: toHex(parsed.gasPrice) } : {}),
    ...(parsed.maxFeePerGas !== undefined
      ? { maxFeePerGas: toHex(parsed.maxFeePerGas), maxPriorityFeePerGas: toHex(parsed.maxPriorityFeePerGas ?? 0n) }
      : {}),
    v: toHex(parsed.v ?? BigInt(parsed.yParity ?? 0)),
    r: parsed.r,
    s: parsed.s,
    ...(parsed.yParity !== undefined ? { yParity: toHex(parsed.yParity) } : {}),
  };
}

async function logsFor(chain: L2Chain, account: Address, value: unknown): Promise<unknown> {
  const filter = (value ?? {}) as {
    fromBlock?: string;
    toBlock?: string;
    address?: string | string[];
    topics?: (string | string[] | null)[];
    blockHash?: string;
  };
  let fromBlock: bigint;
  let toBlock: bigint;
  if (filter.blockHash) {
    const block = await chain.getBlock(hashParam(filter.blockHash));
    if (!block) return [];
    fromBlock = toBlock = block.number;
  } else {
    fromBlock = blockNumberOf(chain, filter.fromBlock ?? "latest");
    toBlock = blockNumberOf(chain, filter.toBlock ?? "latest");
  }
  const logs = await chain.getLogs({
    fromBlock,
    toBlock,
    ...(filter.address
      ? { address: Array.isArray(filter.address) ? filter.address.map(addressParam) : addressParam(filter.address) }
      : {}),
    ...(filter.topics
      ? { topics: filter.topics.map((t) => (t === null ? null : Array.isArray(t) ? t.map(hashParam) : hashParam(t))) }
      : {}),
  });
  // the logs naming the account, and every log of its own transactions (its receipts show them anyway)
  const sent = new Map<Hex, Promise<boolean>>();
  const sentByAccount = (hash: Hex) => {
    let known = sent.get(hash);
    if (!known) {
      known = chain.getTransaction(hash).then((location) => location?.from === account);
      sent.set(hash, known);
    }
    return known;
  };
  const visible = await Promise.all(
    logs.map(async (log) => names(log, account) || (await sentByAccount(log.transactionHash))),
  );
  return logs.filter((_log, i) => visible[i]).map(formatLog);
}

/** Whether a log names the account in one of its indexed topics (a transfer to or from it, …). */
function names(log: { topics: readonly Hex[] }, account: Address): boolean {
  const topic = pad(account.toLowerCase() as Hex, { size: 32 });
  return log.topics.slice(1).some((t) => t.toLowerCase() === topic);
}

async function feedHistoryBlock(chain: L2Chain, number: bigint) {
  return chain.getBlock(number);
}

async function feeHistory(chain: L2Chain, params: unknown[]): Promise<unknown> {
  const count = Math.min(Number(quantity(params[0] ?? "0x1")), 1024);
  const newest = blockNumberOf(chain, params[1] ?? "latest");
  const oldest = newest - BigInt(count) + 1n > 0n ? newest - BigInt(count) + 1n : 0n;
  const baseFees: Hex[] = [];
  const ratios: number[] = [];
  for (let n = oldest; n <= newest; n++) {
    const block = await feedHistoryBlock(chain, n);
    baseFees.push(toHex(block?.baseFeePerGas ?? 0n));
    ratios.push(block ? Number(block.gasUsed) / Number(block.gasLimit) : 0);
  }
  baseFees.push(toHex(chain.nextBaseFee));
  const percentiles = Array.isArray(params[2]) ? params[2] : [];
  return {
    oldestBlock: toHex(oldest),
    baseFeePerGas: baseFees,
    gasUsedRatio: ratios,
    ...(percentiles.length > 0 ? { reward: ratios.map(() => percentiles.map(() => toHex(1_000_000_000n))) } : {}),
  };
}

/** A block's header, as JSON-RPC gives it, without its transaction list (which is private). */
export function formatBlock(block: L2Block): Record<string, unknown> {
  return {
    number: toHex(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: toHex(block.timestamp),
    stateRoot: block.stateRoot,
    transactionsRoot: block.transactionsRoot,
    receiptsRoot: block.receiptsRoot,
    logsBloom: `0x${"00".repeat(256)}`,
    miner: block.coinbase,
    gasLimit: toHex(block.gasLimit),
    gasUsed: toHex(block.gasUsed),
    baseFeePerGas: toHex(block.baseFeePerGas),
    difficulty: "0x0",
    totalDifficulty: "0x0",
    extraData: toHex(block.l1BlockNumber, { size: 8 }),
    mixHash: `0x${"00".repeat(32)}`,
    nonce: "0x0000000000000000",
    sha3Uncles: "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
    uncles: [],
    size: toHex(block.headerRlp.length),
    transactions: [],
    parentBeaconBlockRoot: block.l1BlockHash,
  };
}

export function formatReceipt(receipt: L2Receipt, logs: readonly L2Log[]): Record<string, unknown> {
  return {
    transactionHash: receipt.transactionHash,
    transactionIndex: toHex(receipt.transactionIndex),
    blockHash: receipt.blockHash,
    blockNumber: toHex(receipt.blockNumber),
    from: receipt.from,
    to: receipt.to,
    type: toHex(receipt.type),
    status: receipt.status === "success" ? "0x1" : "0x0",
    cumulativeGasUsed: toHex(receipt.cumulativeGasUsed),
    gasUsed: toHex(receipt.gasUsed),
    effectiveGasPrice: toHex(receipt.effectiveGasPrice),
    contractAddress: receipt.contractAddress,
    logs: logs.map(formatLog),
    // the full bloom would let anyone test which addresses the transaction touched
    logsBloom: `0x${"00".repeat(256)}`,
  };
}

export function formatLog(log: L2Log): Record<string, unknown> {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockNumber: toHex(log.blockNumber),
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    transactionIndex: toHex(log.transactionIndex),
    logIndex: toHex(log.logIndex),
    removed: false,
  };
}

function blockNumberOf(chain: L2Chain, value: unknown): bigint {
  if (value === undefined || value === "latest" || value === "pending" || value === "safe" || value === "finalized")
    return chain.head.number;
  if (value === "earliest") return 0n;
  const n = quantity(value);
  return n > chain.head.number ? chain.head.number : n;
}

function quantity(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value !== "string" || !isHex(value))
    throw new RpcMethodError(RpcErrorCode.InvalidParams, "invalid quantity");
  return BigInt(value);
}

function addressParam(value: unknown): Address {
  if (typeof value !== "string" || !isAddress(value))
    throw new RpcMethodError(RpcErrorCode.InvalidParams, "invalid address");
  return getAddress(value);
}

function hashParam(value: unknown): Hex {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new RpcMethodError(RpcErrorCode.InvalidParams, "invalid hash");
  return value.toLowerCase() as Hex;
}

function hexParam(value: unknown): Hex {
  if (typeof value !== "string" || !isHex(value)) throw new RpcMethodError(RpcErrorCode.InvalidParams, "invalid data");
  return value as Hex;
}
