import { RLP, type Input } from "@ethereumjs/rlp";
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
    this.#put(key, value);
  }

  async del(key: string, _opts?: EncodingOpts): Promise<void> {
    throw new Error(`The L2 trie database is content-addressed and never deletes (key ${key}).`);
  }

  /** A block's nodes arrive here at commit, reads included (ethereumjs writes back what it read). */
  async batch(opStack: BatchDBOp<string, Uint8Array>[]): Promise<void> {
    for (const op of opStack) {
      if (op.type === "put") this.#put(op.key, op.value);
      else await this.del(op.key);
    }
  }

  #put(key: string, value: Uint8Array): void {
    if (this.#dirty.has(key) || this.#clean.has(key) || this.#flushing.has(key)) return;
    this.#dirty.set(key, value);
  }

  /** One database for the account trie and every storage trie. */
  shallowCopy(): DB<string, Uint8Array> {
    return this;
  }

  async open(): Promise<void> {}

  /**
   * Adds to `batch` the dirty nodes (and code) reachable from `stateRoots`, and drops the other
   * dirty nodes. The staged ones stay readable until `flushed` or `flushFailed`.
   * @returns how many nodes were staged and dropped.
   */
  stageFlush(batch: StoreBatch, stateRoots: readonly Uint8Array[]): { staged: number; dropped: number } {
    if (this.#flushing.size > 0) throw new Error("A flush of the trie database is already in flight.");
    const keep = new Map<string, Uint8Array>();
    const pending: { ref: Uint8Array; accounts: boolean }[] = stateRoots.map((ref) => ({ ref, accounts: true }));
    const visitor = { dirty: this.#dirty, keep, pending };
    while (pending.length > 0) {
      const { ref, accounts } = pending.pop()!;
      const key = Buffer.from(ref.buffer, ref.byteOffset, ref.length).toString("hex");
      const value = this.#dirty.get(key);
      if (value === undefined || keep.has(key)) continue;
      keep.set(key, value);
      walkNode(RLP.decode(value), accounts, visitor);
    }
    for (const [key, value] of keep) batch.put(Table.Node, Buffer.from(key, "hex"), value);
    const dropped = this.#dirty.size - keep.size;
    this.#flushing = keep;
    this.#dirty = new Map();
    return { staged: keep.size, dropped };
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

/** Where the reachability walk of `stageFlush` keeps its state. */
interface Walk {
  dirty: Map<string, Uint8Array>;
  keep: Map<string, Uint8Array>;
  pending: { ref: Uint8Array; accounts: boolean }[];
}

/** The code key of the state manager: `c || codeHash` (`CODEHASH_PREFIX`). */
const CODE_PREFIX = "63";

/**
 * Queues the children of a decoded trie node. Branches: 16 children (the value slot is always
 * empty in tries of hashed, equal-length keys). Extensions: one child. Leaves of the account
 * trie: the account's storage root and code; leaves of storage tries hold values only. A child
 * is a 32-byte hash, or a node under 32 bytes embedded as is.
 */
function walkNode(node: Input, accounts: boolean, walk: Walk): void {
  if (!Array.isArray(node)) return;
  if (node.length === 17) {
    for (let i = 0; i < 16; i++) walkChild(node[i]!, accounts, walk);
    return;
  }
  const [path, second] = node as [Uint8Array, Input];
  const isLeaf = path[0]! >> 4 >= 2;
  if (!isLeaf) walkChild(second, accounts, walk);
  else if (accounts) walkAccount(second as Uint8Array, walk);
}

function walkChild(child: Input, accounts: boolean, walk: Walk): void {
  if (Array.isArray(child)) walkNode(child, accounts, walk);
  else if (child instanceof Uint8Array && child.length === 32) walk.pending.push({ ref: child, accounts });
}

function walkAccount(rlp: Uint8Array, walk: Walk): void {
  const [, , storageRoot, codeHash] = RLP.decode(rlp) as Uint8Array[];
  walk.pending.push({ ref: storageRoot!, accounts: false });
  const codeKey = CODE_PREFIX + Buffer.from(codeHash!.buffer, codeHash!.byteOffset, codeHash!.length).toString("hex");
  const code = walk.dirty.get(codeKey);
  if (code !== undefined) walk.keep.set(codeKey, code);
}
