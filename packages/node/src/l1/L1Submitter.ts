import {
  keccak256,
  parseTransaction,
  serializeTransaction,
  type Address,
  type BlobSidecars,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type TransactionSerializableEIP1559,
  type TransactionSerializableEIP4844,
} from "viem";
import {
  estimateFeesPerGas,
  getBlobBaseFee,
  getBlockNumber,
  getTransactionCount,
  getTransactionReceipt,
} from "viem/actions";
import type { Logger } from "pino";
import { BaseError } from "@obscuro/sdk";
import type { HostDatabase, L1AttemptRecord, L1TransactionRecord } from "../db/HostDatabase.ts";
import type { NodeMetrics } from "../metrics.ts";
import { failpoint } from "../util/failpoint.ts";

/** A transaction ready to sign: simulated against the pending block by whoever prepared it. */
export interface PreparedTransaction {
  to: Address;
  data: Hex;
  value?: bigint | undefined;
  gas: bigint;
  blobs?: { sidecars: BlobSidecars<Hex>; versionedHashes: readonly Hex[] } | undefined;
}

/** Something the node wants done on L1, once. */
export interface L1Intent {
  /**
   * What makes it unique: `rollup:<hash>`, `respondSecret:<requester>`… The submitter sends at most
   * one transaction per key (fee bumps of it aside), across restarts.
   */
  key: string;
  /** For logs and metrics: `rollup`, `respondSecret`, `registerNode`… */
  kind: string;
  meta?: Record<string, string> | undefined;
  /**
   * Builds and simulates the transaction; throws when it would revert (nothing is recorded then).
   * Called again before each fee bump, so it may refresh hints; if it throws then, the intent can no
   * longer succeed and its nonce is given to a cancellation.
   */
  prepare(): Promise<PreparedTransaction>;
}

export interface L1SubmitterPolicy {
  /** L1 blocks an attempt may wait before it is re-priced. Default 3. */
  bumpAfterBlocks: number;
  /** Fee increase per bump, percent (clients need ≥ 10). Default 25. */
  bumpPercent: number;
  /** Blob fee increase per bump, percent (geth's blob pool needs ≥ 100). Default 100. */
  blobBumpPercent: number;
  /** Never pay more than this per gas. Default 500 gwei. */
  maxFeePerGasCap: bigint;
}

export interface L1SubmitterOptions {
  db: HostDatabase;
  /** The operator's key: it signs locally, so the raw transaction can be recorded before it is sent. */
  account: LocalAccount;
  client: PublicClient;
  chainId: number;
  logger: Logger;
  metrics?: NodeMetrics | undefined;
  policy?: Partial<L1SubmitterPolicy> | undefined;
  /**
   * Whether a recorded intent no longer should land (a rollup whose parent got another valid
   * child while this one waited): asked before a recorded transaction is broadcast again or
   * re-priced; a superseded one has its nonce given to a cancellation. Default: never.
   */
  isSuperseded?: ((record: L1TransactionRecord) => Promise<boolean>) | undefined;
}

/** An intent was settled without success (reverted or cancelled), or did not settle in time. */
export class L1TransactionFailedError extends BaseError {
  readonly code = "L1_TRANSACTION_FAILED";
}

const DEFAULT_POLICY: L1SubmitterPolicy = {
  bumpAfterBlocks: 3,
  bumpPercent: 25,
  blobBumpPercent: 100,
  maxFeePerGasCap: 500_000_000_000n,
};

/**
 * The node's only way to L1. Every transaction is recorded in the host database, signed, before
 * it is broadcast, with a nonce the submitter assigns; so a crash at any point loses nothing and
 * sends nothing twice:
 *
 * - crash before the broadcast: `reconcile` finds the signed transaction and broadcasts it;
 * - crash after it: `reconcile` finds it mined, or pending and broadcasts it again (harmless);
 * - an intent key is used once: asking again returns the recorded intent, never a second send;
 * - an intent superseded while it waited (`isSuperseded`: another rollup took its parent) is
 *   never broadcast again: its nonce goes to a cancellation.
 *
 * A transaction that waits `bumpAfterBlocks` is prepared again (which re-simulates it) and sent
 * at the same nonce with higher fees; if it can no longer succeed, its nonce goes to a
 * zero-value self-transfer, so no later transaction waits behind it.
 */
export class L1Submitter {
  readonly #db: HostDatabase;
  readonly #account: LocalAccount;
  readonly #client: PublicClient;
  readonly #chainId: number;
  readonly #log: Logger;
  readonly #metrics: NodeMetrics | undefined;
  readonly #policy: L1SubmitterPolicy;
  readonly #intents = new Map<string, L1Intent>();
  readonly #isSuperseded: (record: L1TransactionRecord) => Promise<boolean>;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: L1SubmitterOptions) {
    this.#db = options.db;
    this.#account = options.account;
    this.#client = options.client;
    this.#chainId = options.chainId;
    this.#log = options.logger.child({ module: "l1-submitter" });
    this.#metrics = options.metrics;
    this.#policy = { ...DEFAULT_POLICY, ...options.policy };
    this.#isSuperseded = options.isSuperseded ?? (() => Promise.resolve(false));
  }

  /** The account transactions are sent from. */
  get address(): Address {
    return this.#account.address;
  }

  /**
   * After a (re)start: settles what was mined while the node was down and broadcasts again the
   * latest attempt of every intent still pending (a crash may have come before its broadcast),
   * unless it was superseded meanwhile: then its nonce goes to a cancellation.
   */
  async reconcile(): Promise<void> {
    await this.#serial(async () => {
      const head = await getBlockNumber(this.#client, { cacheTime: 0 });
      for (const record of this.#db.pendingTransactions()) {
        if (await this.#settle(record)) continue;
        const latest = this.#db.attempts(record.key).at(-1);
        if (latest) await this.#rebroadcast(record, latest, head);
      }
    });
  }

  /**
   * Sends `intent` once: records it, signs it and broadcasts it, or returns the record of an
   * earlier call with the same key (whatever its state). Throws, recording nothing, when
   * `intent.prepare()` throws (the call would revert).
   */
  async submit(intent: L1Intent): Promise<L1TransactionRecord> {
    return this.#serial(async () => {
      const known = this.#db.getTransaction(intent.key);
      if (known) {
        this.#intents.set(intent.key, intent);
        return known;
      }
      const prepared = await intent.prepare();
      const nonce = await this.#nextNonce();
      const fees = await this.#marketFees(prepared.blobs !== undefined);
      const attempt = await this.#sign(intent.key, nonce, prepared, fees, false);
      this.#db.transaction(() => {
        this.#db.insertTransaction({ key: intent.key, kind: intent.kind, nonce, meta: intent.meta ?? {} });
        this.#db.insertAttempt(attempt);
      });
      this.#intents.set(intent.key, intent);
      this.#log.info({ key: intent.key, nonce, hash: attempt.hash }, "L1 transaction recorded");
      failpoint(`l1:recorded:${intent.kind}`);
      await this.#broadcast(attempt, await getBlockNumber(this.#client, { cacheTime: 0 }));
      failpoint(`l1:broadcast:${intent.kind}`);
      return this.#db.getTransaction(intent.key)!;
    });
  }

  /** On each new L1 head: settles mined intents, re-prices or cancels stuck ones. */
  async onHead(head: bigint): Promise<void> {
    await this.#serial(async () => {
      for (const record of this.#db.pendingTransactions()) {
        if (await this.#settle(record)) continue;
        const latest = this.#db.attempts(record.key).at(-1);
        if (!latest) continue;
        if (latest.sentAtBlock === 0n) await this.#rebroadcast(record, latest, head);
        else if (head - latest.sentAtBlock >= BigInt(this.#policy.bumpAfterBlocks))
          await this.#bump(record, latest, head);
      }
    });
  }

  /** After an L1 reorg back to `block`: intents mined above it are pending again. */
  onReorg(block: bigint): string[] {
    const keys = this.#db.unsettleAbove(block);
    if (keys.length > 0) this.#log.warn({ block, keys }, "L1 reorg: mined transactions back to pending");
    return keys;
  }

  /** The record of an intent, if the submitter ever saw it. */
  get(key: string): L1TransactionRecord | undefined {
    return this.#db.getTransaction(key);
  }

  /**
   * Resolves once `key` is mined successfully, polling the node's own bookkeeping.
   * @throws {L1TransactionFailedError} when it reverted, was cancelled, or `timeoutMs` passed.
   */
  async waitForMined(key: string, timeoutMs: number, signal?: AbortSignal): Promise<L1TransactionRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = this.#db.getTransaction(key);
      if (record && record.status === "mined") return record;
      if (record && (record.status === "reverted" || record.status === "cancelled")) {
        throw new L1TransactionFailedError(`L1 transaction ${key} ${record.status}.`, {
          details: record.minedHash ?? undefined,
        });
      }
      if (Date.now() > deadline || signal?.aborted) {
        throw new L1TransactionFailedError(`L1 transaction ${key} not mined within ${timeoutMs} ms.`, {
          details: record ? `status ${record.status}, nonce ${record.nonce}` : "never recorded",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  // ─────────────────────────────────────────────────────────────── internals

  /** Runs `task` after every earlier one: nonces are assigned one at a time. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #nextNonce(): Promise<number> {
    const chain = await getTransactionCount(this.#client, { address: this.#account.address, blockTag: "pending" });
    return Math.max(chain, this.#db.nextNonce());
  }

  /** Settles `record` if one of its attempts is in a block; returns whether it did. */
  async #settle(record: L1TransactionRecord): Promise<boolean> {
    for (const attempt of this.#db.attempts(record.key)) {
      const receipt = await getTransactionReceipt(this.#client, { hash: attempt.hash }).catch(() => undefined);
      if (!receipt) continue;
      const status = attempt.cancel ? "cancelled" : receipt.status === "success" ? "mined" : "reverted";
      this.#db.settleTransaction(record.key, status, attempt.hash, receipt.blockNumber);
      this.#metrics?.l1Transactions.inc({ kind: record.kind, outcome: status });
      this.#log.info(
        { key: record.key, hash: attempt.hash, block: receipt.blockNumber, status },
        "L1 transaction settled",
      );
      return true;
    }
    return false;
  }

  /** Broadcasts a recorded attempt again, or cancels it when the intent was superseded meanwhile. */
  async #rebroadcast(record: L1TransactionRecord, latest: L1AttemptRecord, head: bigint): Promise<void> {
    if (!latest.cancel && (await this.#superseded(record))) await this.#bump(record, latest, head, { cancel: true });
    else await this.#broadcast(latest, head);
  }

  async #superseded(record: L1TransactionRecord): Promise<boolean> {
    const superseded = await this.#isSuperseded(record);
    if (superseded) this.#log.warn({ key: record.key, nonce: record.nonce }, "L1 transaction superseded: cancelling");
    return superseded;
  }

  async #bump(
    record: L1TransactionRecord,
    latest: L1AttemptRecord,
    head: bigint,
    { cancel: mustCancel = false } = {},
  ): Promise<void> {
    const intent = this.#intents.get(record.key);
    let prepared: PreparedTransaction | undefined;
    let cancel = mustCancel || latest.cancel || !intent || (await this.#superseded(record));
    if (!cancel) {
      try {
        prepared = await intent!.prepare();
      } catch (error) {
        this.#log.warn(
          { key: record.key, err: (error as Error).message },
          "L1 transaction can no longer succeed: cancelling",
        );
        cancel = true;
      }
    }
    const market = await this.#marketFees(latest.maxFeePerBlobGas !== null);
    const fees = {
      maxFeePerGas: max(raise(latest.maxFeePerGas, this.#policy.bumpPercent), market.maxFeePerGas),
      maxPriorityFeePerGas: max(
        raise(latest.maxPriorityFeePerGas, this.#policy.bumpPercent),
        market.maxPriorityFeePerGas,
      ),
      maxFeePerBlobGas:
        latest.maxFeePerBlobGas === null
          ? null
          : max(raise(latest.maxFeePerBlobGas, this.#policy.blobBumpPercent), market.maxFeePerBlobGas ?? 0n),
    };
    if (fees.maxFeePerGas > this.#policy.maxFeePerGasCap) {
      this.#log.error({ key: record.key, maxFeePerGas: fees.maxFeePerGas }, "fee cap reached: not bumping further");
      return;
    }
    const body = cancel ? this.#cancellation(latest) : prepared!;
    const attempt = await this.#sign(record.key, record.nonce, body, fees, cancel);
    this.#db.insertAttempt(attempt);
    this.#log.warn({ key: record.key, nonce: record.nonce, hash: attempt.hash, cancel }, "L1 transaction re-priced");
    await this.#broadcast(attempt, head);
  }

  /** A zero-value transfer to self that takes the nonce; a blob transaction's needs a blob too. */
  #cancellation(latest: L1AttemptRecord): PreparedTransaction {
    const stuck = parseTransaction(latest.raw);
    return {
      to: this.#account.address,
      data: "0x",
      value: 0n,
      gas: 21_000n,
      ...(stuck.type === "eip4844" && stuck.sidecars && stuck.sidecars.length > 0
        ? { blobs: { sidecars: [stuck.sidecars[0]!], versionedHashes: [stuck.blobVersionedHashes![0]!] } }
        : {}),
    };
  }

  async #marketFees(blobs: boolean) {
    const [fees, blobBase] = await Promise.all([
      estimateFeesPerGas(this.#client),
      blobs ? getBlobBaseFee(this.#client) : Promise.resolve(undefined),
    ]);
    return {
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      maxFeePerBlobGas: blobBase === undefined ? null : blobBase * 2n + 1n,
    };
  }

  async #sign(
    key: string,
    nonce: number,
    prepared: PreparedTransaction,
    fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint; maxFeePerBlobGas: bigint | null },
    cancel: boolean,
  ): Promise<L1AttemptRecord> {
    const common = {
      chainId: this.#chainId,
      nonce,
      to: prepared.to,
      data: prepared.data,
      value: prepared.value ?? 0n,
      gas: prepared.gas,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    };
    let raw: Hex;
    let hash: Hex;
    if (prepared.blobs) {
      const transaction: TransactionSerializableEIP4844 = {
        ...common,
        type: "eip4844",
        blobVersionedHashes: [...prepared.blobs.versionedHashes],
        maxFeePerBlobGas: fees.maxFeePerBlobGas ?? 1n,
        sidecars: prepared.blobs.sidecars,
      };
      raw = await this.#account.signTransaction(transaction);
      // The hash covers the transaction without its blobs (the network wrapper carries them).
      const { r, s, yParity } = parseTransaction(raw);
      hash = keccak256(serializeTransaction({ ...transaction, sidecars: false }, { r: r!, s: s!, yParity: yParity! }));
    } else {
      const transaction: TransactionSerializableEIP1559 = { ...common, type: "eip1559" };
      raw = await this.#account.signTransaction(transaction);
      hash = keccak256(raw);
    }
    return {
      hash,
      key,
      nonce,
      raw,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      maxFeePerBlobGas: prepared.blobs ? (fees.maxFeePerBlobGas ?? 1n) : null,
      sentAtBlock: 0n,
      cancel,
    };
  }

  /** Broadcasts a recorded attempt; "already known" and a used nonce are not errors here. */
  async #broadcast(attempt: L1AttemptRecord, head: bigint): Promise<void> {
    try {
      await this.#client.request({ method: "eth_sendRawTransaction", params: [attempt.raw] });
      this.#metrics?.l1Transactions.inc({ kind: "broadcast", outcome: "sent" });
    } catch (error) {
      const message = (error as Error).message.toLowerCase();
      if (/underpriced/.test(message)) {
        // The pool holds a better-paid transaction at this nonce: start the clock, the next bump outbids it.
        this.#log.warn({ hash: attempt.hash }, "broadcast underpriced; will re-price");
      } else if (!/already known|known transaction|already imported|nonce too low/.test(message)) {
        // The node did not take it (unreachable, overloaded): broadcast again on the next head.
        this.#log.warn({ hash: attempt.hash, err: (error as Error).message }, "broadcast failed; will retry");
        return;
      }
    }
    this.#db.markAttemptSent(attempt.hash, head === 0n ? 1n : head);
  }
}

function raise(value: bigint, percent: number): bigint {
  return (value * BigInt(100 + percent) + 99n) / 100n;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
