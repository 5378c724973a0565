import type { Hex } from "viem";
import type { ExecutedReceipt } from "../execution/encoding.ts";
import type { LedgerUndo } from "../ledger/Ledger.ts";
import type { L2Withdrawal } from "../types.ts";
import { GenerationalCache } from "./GenerationalCache.ts";
import {
  blockKey,
  decodeBlockRecord,
  decodeLedgerUndo,
  decodeTxLocation,
  decodeWithdrawals,
  encodeBlockRecord,
  encodeLedgerUndo,
  encodeTxLocation,
  encodeWithdrawals,
  type BlockRecord,
} from "./records.ts";
import { decodeReceipts, encodeReceipts } from "./receiptCodec.ts";
import { Table, type SealedStore, type StoreBatch } from "./SealedStore.ts";

/** Everything the chain keeps about one executed block. */
export interface BlockData {
  number: bigint;
  hash: Uint8Array;
  record: BlockRecord;
  receipts: ExecutedReceipt[];
  /** Deposits' system transactions first, then user transactions (the receipts' order). */
  transactionHashes: Uint8Array[];
  withdrawals: L2Withdrawal[];
  undo: LedgerUndo;
}

const DECODED_CACHE_BYTES = 64 * 1024 * 1024;

/** Blocks not yet on disk, with their indexes. */
class Unflushed {
  readonly blocks = new Map<bigint, BlockData>();
  readonly hashes = new Map<string, bigint>();
  readonly locations = new Map<string, { blockNumber: bigint; index: number }>();
  /** Records of flushed blocks to write again (a `stateKept` flag set). */
  readonly rewrites = new Map<bigint, BlockRecord>();

  add(data: BlockData): void {
    this.blocks.set(data.number, data);
    this.hashes.set(hex(data.hash), data.number);
    for (const [index, hash] of data.transactionHashes.entries()) {
      this.locations.set(hex(hash), { blockNumber: data.number, index });
    }
  }

  record(number: bigint): BlockRecord | undefined {
    return this.blocks.get(number)?.record ?? this.rewrites.get(number);
  }
}

/**
 * Blocks, receipts, transaction locations, withdrawals and ledger undo records, per block. New
 * blocks stay in memory until the chain's next flush writes them (sealed) with the state, and
 * stay readable from memory until that flush is on disk; reads look in memory first, then on
 * disk.
 */
export class BlockStore {
  readonly #store: SealedStore;
  #pending = new Unflushed();
  /** What the flush in flight writes. */
  #flushing = new Unflushed();
  readonly #records = new GenerationalCache<BlockRecord>(DECODED_CACHE_BYTES / 2, (_k, r) => 512 + size(r));
  readonly #receipts = new GenerationalCache<ExecutedReceipt[]>(
    DECODED_CACHE_BYTES / 2,
    (_k, r) => 256 * (r.length + 1),
  );

  constructor(store: SealedStore) {
    this.#store = store;
  }

  /** Adds an executed block (in memory until the next flush). */
  add(data: BlockData): void {
    this.#pending.add(data);
  }

  async record(number: bigint): Promise<BlockRecord | undefined> {
    const unflushed = this.#pending.record(number) ?? this.#flushing.record(number);
    if (unflushed !== undefined) return unflushed;
    const cacheKey = number.toString();
    const cached = this.#records.get(cacheKey);
    if (cached !== undefined) return cached;
    const bytes = await this.#store.get(Table.Block, blockKey(number));
    if (bytes === undefined) return undefined;
    const record = decodeBlockRecord(bytes);
    this.#records.set(cacheKey, record);
    return record;
  }

  async numberOf(hash: Hex): Promise<bigint | undefined> {
    const key = hash.slice(2).toLowerCase();
    const unflushed = this.#pending.hashes.get(key) ?? this.#flushing.hashes.get(key);
    if (unflushed !== undefined) return unflushed;
    const bytes = await this.#store.get(Table.BlockHash, Buffer.from(key, "hex"));
    return bytes === undefined ? undefined : new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  }

  async receipts(number: bigint): Promise<ExecutedReceipt[] | undefined> {
    const unflushed = (this.#pending.blocks.get(number) ?? this.#flushing.blocks.get(number))?.receipts;
    if (unflushed !== undefined) return unflushed;
    const cacheKey = number.toString();
    const cached = this.#receipts.get(cacheKey);
    if (cached !== undefined) return cached;
    const bytes = await this.#store.get(Table.Receipts, blockKey(number));
    if (bytes === undefined) return undefined;
    const receipts = decodeReceipts(bytes);
    this.#receipts.set(cacheKey, receipts);
    return receipts;
  }

  async location(transactionHash: Hex): Promise<{ blockNumber: bigint; index: number } | undefined> {
    const key = transactionHash.slice(2).toLowerCase();
    const unflushed = this.#pending.locations.get(key) ?? this.#flushing.locations.get(key);
    if (unflushed !== undefined) return unflushed;
    const bytes = await this.#store.get(Table.Transaction, Buffer.from(key, "hex"));
    return bytes === undefined ? undefined : decodeTxLocation(bytes);
  }

  async withdrawals(number: bigint): Promise<L2Withdrawal[]> {
    const unflushed = this.#pending.blocks.get(number) ?? this.#flushing.blocks.get(number);
    if (unflushed !== undefined) return unflushed.withdrawals;
    const bytes = await this.#store.get(Table.Withdrawals, blockKey(number));
    return bytes === undefined ? [] : decodeWithdrawals(bytes);
  }

  async undo(number: bigint): Promise<LedgerUndo> {
    const unflushed = this.#pending.blocks.get(number) ?? this.#flushing.blocks.get(number);
    if (unflushed !== undefined) return unflushed.undo;
    const bytes = await this.#store.get(Table.LedgerUndo, blockKey(number));
    return bytes === undefined ? [] : decodeLedgerUndo(bytes);
  }

  /** Blocks added since the last flush began. */
  get pendingCount(): number {
    return this.#pending.blocks.size;
  }

  /**
   * Marks block `number` as one whose whole state is on disk, in the next flush (which writes
   * its state). Its record is written again if it is not among the blocks that flush writes.
   */
  async keepState(number: bigint): Promise<void> {
    const pending = this.#pending.blocks.get(number);
    if (pending !== undefined) {
      pending.record = { ...pending.record, stateKept: true };
      return;
    }
    const record = await this.record(number);
    if (record === undefined || record.stateKept) return;
    this.#pending.rewrites.set(number, { ...record, stateKept: true });
    this.#records.clear();
  }

  /**
   * Adds the blocks added since the last flush began to `batch`; they stay readable from memory
   * until `flushed`. Only one flush may be in flight.
   */
  stageFlush(batch: StoreBatch): void {
    if (this.#flushing.blocks.size > 0 || this.#flushing.rewrites.size > 0) {
      throw new Error("A flush of the block store is already in flight.");
    }
    for (const [number, record] of this.#pending.rewrites)
      batch.put(Table.Block, blockKey(number), encodeBlockRecord(record));
    for (const data of this.#pending.blocks.values()) {
      const key = blockKey(data.number);
      batch.put(Table.Block, key, encodeBlockRecord(data.record));
      batch.put(Table.BlockHash, data.hash, key);
      batch.put(Table.Receipts, key, encodeReceipts(data.receipts));
      for (const [index, hash] of data.transactionHashes.entries()) {
        batch.put(Table.Transaction, hash, encodeTxLocation(data.number, index));
      }
      if (data.withdrawals.length > 0) batch.put(Table.Withdrawals, key, encodeWithdrawals(data.withdrawals));
      if (data.undo.length > 0) batch.put(Table.LedgerUndo, key, encodeLedgerUndo(data.undo));
    }
    this.#flushing = this.#pending;
    this.#pending = new Unflushed();
  }

  /** The staged blocks are on disk. */
  flushed(): void {
    this.#flushing = new Unflushed();
  }

  /**
   * Adds to `batch` the removal of a flushed block (a rollback): its record, hash, receipts,
   * transaction locations, withdrawals and undo record. Call only with nothing unflushed.
   */
  stageRemoval(batch: StoreBatch, number: bigint, hash: Uint8Array, transactionHashes: readonly Uint8Array[]): void {
    const key = blockKey(number);
    for (const table of [Table.Block, Table.Receipts, Table.Withdrawals, Table.LedgerUndo]) batch.del(table, key);
    batch.del(Table.BlockHash, hash);
    for (const txHash of transactionHashes) batch.del(Table.Transaction, txHash);
    this.#records.clear();
    this.#receipts.clear();
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

function size(record: BlockRecord): number {
  return record.headerRlp.length + record.transactions.reduce((total, tx) => total + tx.length + 32, 0);
}
