import type { Address, Hex } from "viem";

/** A transaction waiting to be sequenced: checked when it arrived, checked again when a block takes it. */
export interface PooledTransaction {
  hash: Hex;
  raw: Uint8Array;
  sender: Address;
  nonce: bigint;
  /** What it pays per gas at most (fee cap, or gas price). */
  maxFeePerGas: bigint;
  /** Arrival order, for fairness between senders. */
  seq: number;
}

/** A transaction the pool refuses: a lower-paying replacement of one it holds. */
export type PoolRefusal = "REPLACEMENT_UNDERPRICED" | "POOL_FULL";

/**
 * The enclave's mempool: per sender, transactions by nonce; across senders, first come first
 * served. A transaction at a nonce already pooled replaces it only when it pays at least 10%
 * more per gas (as Ethereum clients require), so a sender cannot flood the pool for free.
 */
export class Mempool {
  readonly #bySender = new Map<Address, Map<bigint, PooledTransaction>>();
  readonly #byHash = new Map<Hex, PooledTransaction>();
  readonly #capacity: number;
  #seq = 0;

  constructor(capacity = 50_000) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#byHash.size;
  }

  has(hash: Hex): boolean {
    return this.#byHash.has(hash);
  }

  /** The nonce after the sender's pooled transactions that continue `accountNonce` without a gap. */
  pendingNonce(sender: Address, accountNonce: bigint): bigint {
    const pooled = this.#bySender.get(sender);
    let next = accountNonce;
    while (pooled?.has(next)) next++;
    return next;
  }

  /** Adds a transaction; returns the one it replaced, or a refusal. */
  add(entry: Omit<PooledTransaction, "seq"> & { seq?: number }): {
    replaced?: PooledTransaction;
    refused?: PoolRefusal;
  } {
    const pooled = this.#bySender.get(entry.sender) ?? new Map<bigint, PooledTransaction>();
    const existing = pooled.get(entry.nonce);
    if (existing && entry.maxFeePerGas * 10n < existing.maxFeePerGas * 11n)
      return { refused: "REPLACEMENT_UNDERPRICED" };
    if (!existing && this.#byHash.size >= this.#capacity) return { refused: "POOL_FULL" };
    const seq = entry.seq ?? ++this.#seq;
    this.#seq = Math.max(this.#seq, seq);
    const transaction: PooledTransaction = { ...entry, seq };
    if (existing) this.#byHash.delete(existing.hash);
    pooled.set(entry.nonce, transaction);
    this.#bySender.set(entry.sender, pooled);
    this.#byHash.set(entry.hash, transaction);
    return existing ? { replaced: existing } : {};
  }

  /** Removes transactions (included in a block, or no longer valid). */
  remove(hashes: Iterable<Hex>): PooledTransaction[] {
    const removed: PooledTransaction[] = [];
    for (const hash of hashes) {
      const transaction = this.#byHash.get(hash);
      if (!transaction) continue;
      this.#byHash.delete(hash);
      const pooled = this.#bySender.get(transaction.sender);
      pooled?.delete(transaction.nonce);
      if (pooled?.size === 0) this.#bySender.delete(transaction.sender);
      removed.push(transaction);
    }
    return removed;
  }

  /**
   * Candidates for the next block, at most `limit`: each sender's transactions in nonce order,
   * senders interleaved by the arrival of their next transaction.
   */
  candidates(limit: number): PooledTransaction[] {
    const queues = [...this.#bySender.values()].map((pooled) =>
      [...pooled.values()].sort((a, b) => (a.nonce < b.nonce ? -1 : 1)),
    );
    const out: PooledTransaction[] = [];
    const heads = queues.map(() => 0);
    while (out.length < limit) {
      let best = -1;
      for (let i = 0; i < queues.length; i++) {
        const next = queues[i]![heads[i]!];
        if (next && (best < 0 || next.seq < queues[best]![heads[best]!]!.seq)) best = i;
      }
      if (best < 0) break;
      out.push(queues[best]![heads[best]!]!);
      heads[best]!++;
    }
    return out;
  }

  all(): PooledTransaction[] {
    return [...this.#byHash.values()];
  }
}
