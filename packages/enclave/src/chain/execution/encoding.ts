import { RLP } from "@ethereumjs/rlp";
import { bigIntToUnpaddedBytes, intToBytes } from "@ethereumjs/util";
import type { Deposit } from "@obscuro/sdk";
import { hexToBytes } from "viem";
import { DEPOSIT_TX_TYPE } from "../constants.ts";
import { nativeKeccak256 } from "../crypto.ts";

/** A log as the EVM returns it: address, topics, data. */
export type RawLog = [address: Uint8Array, topics: Uint8Array[], data: Uint8Array];

/** What a block keeps of each transaction's execution. */
export interface ExecutedReceipt {
  /** 0, 1, 2, or `DEPOSIT_TX_TYPE`. */
  type: number;
  /** 1 success, 0 reverted. */
  status: 0 | 1;
  cumulativeGasUsed: bigint;
  logs: RawLog[];
  from: Uint8Array;
  /** Empty for a contract creation. */
  to: Uint8Array;
  /** The created contract, or empty. */
  contractAddress: Uint8Array;
  effectiveGasPrice: bigint;
}

/**
 * A deposit as a system transaction in the block's transactions trie:
 * `0x7e || rlp([index, kind, from, to, token, amountOrId])`. Its hash is keccak256 of that.
 */
export function encodeDepositTransaction(deposit: Deposit): Uint8Array {
  const body = RLP.encode([
    bigIntToUnpaddedBytes(deposit.index),
    intToBytes(deposit.kind),
    hexToBytes(deposit.from),
    hexToBytes(deposit.to),
    hexToBytes(deposit.token),
    bigIntToUnpaddedBytes(deposit.amountOrId),
  ]);
  const out = new Uint8Array(body.length + 1);
  out[0] = DEPOSIT_TX_TYPE;
  out.set(body, 1);
  return out;
}

/**
 * A receipt's consensus encoding (the receipts trie):
 * `[type ||] rlp([status, cumulativeGasUsed, bloom, logs])`, `bloom` being `logsBloom(receipt.logs)`.
 */
export function encodeConsensusReceipt(receipt: ExecutedReceipt, bloom: Uint8Array): Uint8Array {
  const body = RLP.encode([
    receipt.status === 1 ? Uint8Array.of(1) : new Uint8Array(0),
    bigIntToUnpaddedBytes(receipt.cumulativeGasUsed),
    bloom,
    receipt.logs,
  ]);
  if (receipt.type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = receipt.type;
  out.set(body, 1);
  return out;
}

const BLOOM_BYTES = 256;

/** The bloom of no logs; shared, never written to. */
const EMPTY_BLOOM = new Uint8Array(BLOOM_BYTES);

/** The 2048-bit bloom of logs (Ethereum's: three bits per address and topic). Read-only when empty. */
export function logsBloom(logs: readonly RawLog[]): Uint8Array {
  if (logs.length === 0) return EMPTY_BLOOM;
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const [address, topics] of logs) {
    addToBloom(bloom, address);
    for (const topic of topics) addToBloom(bloom, topic);
  }
  return bloom;
}

/** Sets the bits of `item` in `bloom`. */
export function addToBloom(bloom: Uint8Array, item: Uint8Array): void {
  const hash = nativeKeccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i]! << 8) | hash[i + 1]!) & 2047;
    bloom[BLOOM_BYTES - 1 - (bit >> 3)]! |= 1 << (bit & 7);
  }
}

/** Whether every bit of `item` is set in `bloom`. */
export function bloomContains(bloom: Uint8Array, item: Uint8Array): boolean {
  const hash = nativeKeccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i]! << 8) | hash[i + 1]!) & 2047;
    if ((bloom[BLOOM_BYTES - 1 - (bit >> 3)]! & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/** ORs `other` into `bloom`. */
export function orBloom(bloom: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < BLOOM_BYTES; i++) bloom[i]! |= other[i]!;
}
