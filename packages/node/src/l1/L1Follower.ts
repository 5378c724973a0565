import {
  decodeFunctionData,
  parseEventLogs,
  zeroHash,
  type Address,
  type Hex,
  type PublicClient,
  type RpcBlock,
  type RpcTransactionReceipt,
} from "viem";
import type { Logger } from "pino";
import { rollupManagementAbi } from "@obscuro/sdk";
import type { HostDatabase } from "../db/HostDatabase.ts";
import type { NodeMetrics } from "../metrics.ts";
import type { BlobFetcher, VerifiedBlob } from "./BlobFetcher.ts";
import { bloomMayContain } from "./bloom.ts";

/** A rollup submitted in an L1 block, with its data as it went to L1. */
export interface SubmittedRollupData {
  transactionHash: Hex;
  /** `submitRollup`'s calldata (its `_data` argument holds the payload of a calldata rollup). */
  input: Hex;
  /** The blobs of a blob rollup, checked against the transaction's versioned hashes. */
  blobs: VerifiedBlob[];
}

/** Everything an enclave needs of one L1 block to check it and take from it what concerns the protocol. */
export interface FollowedL1Block {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  /** The header as the L1 node returned it (JSON-RPC, without transactions): the enclave re-hashes it. */
  header: RpcBlock<"latest", false>;
  /**
   * Every receipt of the block, when its logs bloom says it may hold an event of a protocol
   * contract: the enclave rebuilds the receipts trie from them and checks its root. Undefined when
   * the bloom rules it out (a bloom has no false negatives).
   */
  receipts: RpcTransactionReceipt[] | undefined;
  /** The rollups submitted in the block, with their data. */
  rollups: SubmittedRollupData[];
}

export interface L1FollowerOptions {
  client: PublicClient;
  db: HostDatabase;
  blobs: BlobFetcher;
  logger: Logger;
  metrics?: NodeMetrics | undefined;
  /** Protocol contracts whose events make a block's receipts worth fetching. */
  watch: readonly Address[];
  rollupManagement: Address;
  /** The first block to process when the database has none (the deployment block). */
  startBlock: bigint;
  /** Blocks behind the head to stay (0: follow the head; reorgs are handled either way). */
  confirmations?: number | undefined;
  /** Milliseconds between polls for a new head. Default 1000. */
  pollIntervalMs?: number | undefined;
  /** Processes one block, in order; throwing stops at that block and retries it after a backoff. */
  onBlock: (block: FollowedL1Block) => Promise<void>;
  /** The chain reorganised: every block above `ancestor` must be forgotten before new ones come. */
  onReorg: (ancestor: { number: bigint; hash: Hex }) => Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Follows L1 block by block: for each new block it checks the parent hash against the block it
 * processed before (a mismatch is a reorg: it walks back to the common ancestor, reports it, and
 * goes forward on the new chain), fetches the receipts when the bloom may hold a protocol event,
 * and the data of rollups submitted in it, and hands the block to `onBlock`. Processed blocks are
 * recorded in the host database, so a restart resumes where it stopped. RPC failures back off
 * (1 s, doubling, up to 30 s) and retry; the loop ends only when `signal` aborts.
 */
export class L1Follower {
  readonly #options: L1FollowerOptions;
  readonly #log: Logger;

  constructor(options: L1FollowerOptions) {
    this.#options = options;
    this.#log = options.logger.child({ module: "l1-follower" });
  }

  /** The last block processed, if any. */
  get head(): { number: bigint; hash: Hex } | undefined {
    return this.#options.db.latestL1Block();
  }

  /** Runs until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    let backoff = 1_000;
    while (!signal.aborted) {
      try {
        const progressed = await this.step();
        backoff = 1_000;
        if (!progressed) await sleep(this.#options.pollIntervalMs ?? 1_000, signal);
      } catch (error) {
        this.#log.warn({ err: (error as Error).message, retryInMs: backoff }, "L1 follower step failed");
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Processes the next block if there is one; returns whether it did. */
  async step(): Promise<boolean> {
    const { client, db } = this.#options;
    const latest = await client.getBlockNumber({ cacheTime: 0 });
    const target = latest - BigInt(this.#options.confirmations ?? 0);
    const processed = db.latestL1Block();
    const next = processed ? processed.number + 1n : this.#options.startBlock;
    if (next > target) return false;
    const block = (await client.request({
      method: "eth_getBlockByNumber",
      params: [`0x${next.toString(16)}`, false],
    })) as RpcBlock<"latest", false> | null;
    if (!block) return false;
    if (processed && block.parentHash !== processed.hash) {
      await this.#reorg(processed.number);
      return true;
    }
    await this.#options.onBlock(await this.#collect(block));
    db.putL1Block({ number: next, hash: block.hash!, parentHash: block.parentHash });
    this.#options.metrics?.l1Head.set(Number(next));
    return true;
  }

  /** Walks back from `from` to the highest block both the database and the chain agree on. */
  async #reorg(from: bigint): Promise<void> {
    const { client, db } = this.#options;
    let number = from;
    for (;;) {
      const known = db.getL1Block(number);
      if (!known || number < this.#options.startBlock) {
        throw new Error(`L1 reorg deeper than the processed history (block ${number})`);
      }
      const onChain = await client.getBlock({ blockNumber: number });
      if (onChain.hash === known.hash) break;
      number--;
    }
    const ancestor = { number, hash: db.getL1Block(number)!.hash };
    this.#log.warn({ from, ancestor: ancestor.number }, "L1 reorg");
    await this.#options.onReorg(ancestor);
    db.truncateL1Blocks(number);
  }

  async #collect(block: RpcBlock<"latest", false>): Promise<FollowedL1Block> {
    const number = BigInt(block.number!);
    const base = { number, hash: block.hash!, parentHash: block.parentHash, header: block };
    const relevant = this.#options.watch.some((address) => bloomMayContain(block.logsBloom!, address));
    if (!relevant) return { ...base, receipts: undefined, rollups: [] };
    const receipts = (await this.#options.client.request({
      method: "eth_getBlockReceipts",
      params: [block.hash!],
    } as never)) as RpcTransactionReceipt[];
    return { ...base, receipts, rollups: await this.#rollups(block, receipts) };
  }

  async #rollups(block: RpcBlock<"latest", false>, receipts: RpcTransactionReceipt[]): Promise<SubmittedRollupData[]> {
    const rollups: SubmittedRollupData[] = [];
    for (const receipt of receipts) {
      if (receipt.status !== "0x1") continue;
      const submitted = parseEventLogs({
        abi: rollupManagementAbi,
        logs: receipt.logs.filter((log) => log.address.toLowerCase() === this.#options.rollupManagement.toLowerCase()),
        eventName: "RollupSubmitted",
      } as never);
      if (submitted.length === 0) continue;
      const transaction = await this.#options.client.getTransaction({ hash: receipt.transactionHash });
      // only the calldata of submitRollup is kept: anything else there is not a rollup
      decodeFunctionData({ abi: rollupManagementAbi, data: transaction.input });
      const versionedHashes = transaction.blobVersionedHashes ?? [];
      const blobs =
        versionedHashes.length === 0
          ? []
          : await this.#options.blobs.fetch(await this.#blockIds(block), versionedHashes, BigInt(block.number!));
      rollups.push({ transactionHash: receipt.transactionHash, input: transaction.input, blobs });
    }
    return rollups;
  }

  /**
   * Ids under which a beacon API may serve the block's blobs: the beacon block root of its slot
   * (the next block's `parentBeaconBlockRoot`, EIP-4788) when known, and the block's own hash (what
   * anvil's beacon API takes).
   */
  async #blockIds(block: RpcBlock<"latest", false>): Promise<string[]> {
    const ids = [block.hash!];
    const child = await this.#options.client
      .getBlock({ blockNumber: BigInt(block.number!) + 1n })
      .catch(() => undefined);
    if (child?.parentBeaconBlockRoot && child.parentBeaconBlockRoot !== zeroHash)
      ids.unshift(child.parentBeaconBlockRoot);
    return ids;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
