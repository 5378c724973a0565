import type { BatchDBOp, DB, EncodingOpts } from "@ethereumjs/util";
import { GenerationalCache } from "./GenerationalCache.ts";
import { Table, type SealedStore, type StoreBatch } from "./SealedStore.ts";

/** Rough per-entry overhead of a cached node in the JS heap (map slot, string, typed array). */
const ENTRY_OVERHEAD = 160;

/**
 * The trie database of the L2 state: a write-back cache over the sealed store.
 *
 * Keys are content hashes (trie nodes by keccak of their encoding, code by `c || codeHash`), so a
 * key's value never changes: a write of a known key is a no-op and nothing is ever deleted (the
 * trie runs without node pruning). New nodes stay in memory (`dirty`) until the chain flushes
 * them, with its head, in one atomic batch (`stageFlush`, then `flushed`); nodes read from disk
 * or already flushed stay in a bounded cache. The execution path never waits for the disk
 * except to read a node that is in neither map.
 */
export class TrieNodeDb implements DB<string, Uint8Array> {
  readonly #store: SealedStore;
  #dirty = new Map<string, Uint8Array>();
  /** The dirty map being written by a flush in progress: still readable until it lands. */
  #flushing = new Map<string, Uint8Array>();
  readonly #clean: GenerationalCache<Uint8Array>;

  constructor(store: SealedStore, cacheBytes: number) {
    this.#store = store;
    this.#clean = new GenerationalCache<Uint8Array>(
      cacheBytes,
      (key, value) => key.length + value.length + ENTRY_OVERHEAD,
    );
  }

  /** Nodes written since the last flush. */
  get dirtyCount(): number {
    return this.#dirty.size;
  }

  async get(key: string, _opts?: EncodingOpts): Promise<Uint8Array | undefined> {
    const value = this.#dirty.get(key) ?? this.#flushing.get(key) ?? this.#clean.get(key);
    if (value !== undefined) return value;
    const stored = this.#store.getSync(Table.Node, Buffer.from(key, "hex"));
    if (stored !== undefined) this.#clean.set(key, stored);
    return stored;
  }

  async put(key: string, value: Uint8Array, _opts?: EncodingOpts): Promise<void> {
    if (this.#dirty.has(key) || this.#clean.has(key) || this.#flushing.has(key)) return;
    this.#dirty.set(key, value);
  }

  async del(key: string, _opts?: EncodingOpts): Promise<void> {
    throw new Error(`The L2 trie database is content-addressed and never deletes (key ${key}).`);
  }

  async batch(opStack: BatchDBOp<string, Uint8Array>[]): Promise<void> {
    for (const op of opStack) {
      if (op.type === "put") await this.put(op.key, op.value);
      else await this.del(op.key);
    }
  }

  /** One database for the account trie and every storage trie. */
  shallowCopy(): DB<string, Uint8Array> {
    return this;
  }

  async open(): Promise<void> {}

  /** Adds every dirty node to `batch`; they stay readable until `flushed` or `flushFailed`. */
  stageFlush(batch: StoreBatch): void {
    for (const [key, value] of this.#dirty) batch.put(Table.Node, Buffer.from(key, "hex"), value);
    this.#flushing = this.#dirty;
    this.#dirty = new Map();
  }

  /** The staged nodes are on disk: they move to the clean cache. */
  flushed(): void {
    for (const [key, value] of this.#flushing) this.#clean.set(key, value);
    this.#flushing = new Map();
  }

  /** The flush failed: the staged nodes are dirty again. */
  flushFailed(): void {
    for (const [key, value] of this.#flushing) this.#dirty.set(key, value);
    this.#flushing = new Map();
  }
}
