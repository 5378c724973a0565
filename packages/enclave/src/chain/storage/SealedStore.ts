import { ClassicLevel } from "classic-level";
import type { SealBatch, Sealer } from "../sealing/Sealer.ts";

/** The tables of the sealed database; each is a key prefix (docs/l2-chain.md, "Storage layout"). */
export const Table = {
  /**
   * Chain metadata (the flushed head), under fixed names that are not blinded: opening with
   * another sealing key finds them and fails to unseal them, rather than finding nothing.
   */
  Meta: 0x01,
  /** Trie nodes and contract code, by hash. */
  Node: 0x02,
  /** Blocks by number. */
  Block: 0x03,
  /** Block numbers by hash. */
  BlockHash: 0x04,
  /** A block's receipts, by block number. */
  Receipts: 0x05,
  /** Transaction locations by hash. */
  Transaction: 0x06,
  /** Ledger entries (iterated at open). */
  Ledger: 0x07,
  /** A block's ledger changes (to roll it back), by block number. */
  LedgerUndo: 0x08,
  /** A block's withdrawals, by block number. */
  Withdrawals: 0x09,
  /** Wrapped tokens the bridge deployed (iterated at open). */
  WrappedTokens: 0x0a,
} as const;
export type Table = (typeof Table)[keyof typeof Table];

/**
 * The sealed database: LevelDB (classic-level) whose keys are blinded and whose values are
 * sealed (`Sealer`). The host sees only table prefixes, random-looking keys and ciphertext.
 * Writes go through `StoreBatch`, applied atomically.
 */
export class SealedStore {
  readonly #db: ClassicLevel<Uint8Array, Uint8Array>;
  readonly #sealer: Sealer;

  private constructor(db: ClassicLevel<Uint8Array, Uint8Array>, sealer: Sealer) {
    this.#db = db;
    this.#sealer = sealer;
  }

  static async open(location: string, sealer: Sealer): Promise<SealedStore> {
    const db = new ClassicLevel<Uint8Array, Uint8Array>(location, {
      keyEncoding: "view",
      valueEncoding: "view",
      // Sealed values are random bytes: compressing them wastes time.
      compression: false,
      writeBufferSize: 64 * 1024 * 1024,
      cacheSize: 64 * 1024 * 1024,
    });
    await db.open();
    return new SealedStore(db, sealer);
  }

  /** The value of `key` in `table`, unsealed, or undefined. */
  async get(table: Table, key: Uint8Array): Promise<Uint8Array | undefined> {
    const storageKey = storageKeyOf(this.#sealer, table, key);
    const sealed = await this.#db.get(storageKey);
    return sealed === undefined ? undefined : this.#sealer.open(storageKey, sealed);
  }

  /** Like `get`, without leaving the thread: for reads on the execution path (trie nodes). */
  getSync(table: Table, key: Uint8Array): Uint8Array | undefined {
    const storageKey = storageKeyOf(this.#sealer, table, key);
    const sealed = this.#db.getSync(storageKey);
    return sealed === undefined ? undefined : this.#sealer.open(storageKey, sealed);
  }

  /** Every value of `table`, unsealed, in storage order (so values must carry their own keys). */
  async *values(table: Table): AsyncGenerator<Uint8Array> {
    for await (const [storageKey, sealed] of this.#db.iterator({
      gte: Uint8Array.of(table),
      lt: Uint8Array.of(table + 1),
    })) {
      yield this.#sealer.open(storageKey, sealed);
    }
  }

  /** A batch of writes, sealed under one fresh epoch, applied atomically by `commit`. */
  batch(): StoreBatch {
    return new StoreBatch(this.#db, this.#sealer, this.#sealer.batch());
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}

type Operation = { type: "put"; key: Uint8Array; value: Uint8Array } | { type: "del"; key: Uint8Array };

/** Writes for one atomic LevelDB batch. */
export class StoreBatch {
  readonly #db: ClassicLevel<Uint8Array, Uint8Array>;
  readonly #sealer: Sealer;
  readonly #seal: SealBatch;
  readonly #operations: Operation[] = [];

  constructor(db: ClassicLevel<Uint8Array, Uint8Array>, sealer: Sealer, seal: SealBatch) {
    this.#db = db;
    this.#sealer = sealer;
    this.#seal = seal;
  }

  get size(): number {
    return this.#operations.length;
  }

  put(table: Table, key: Uint8Array, value: Uint8Array): void {
    const storageKey = storageKeyOf(this.#sealer, table, key);
    this.#operations.push({ type: "put", key: storageKey, value: this.#seal.seal(storageKey, value) });
  }

  del(table: Table, key: Uint8Array): void {
    this.#operations.push({ type: "del", key: storageKeyOf(this.#sealer, table, key) });
  }

  /** Applies every write at once; with `sync`, durably (fsync) before it resolves. */
  async commit(options: { sync: boolean }): Promise<void> {
    if (this.#operations.length === 0) return;
    await this.#db.batch(this.#operations, { sync: options.sync });
  }
}

/** Where a key is stored: blinded, except the metadata's fixed names. */
function storageKeyOf(sealer: Sealer, table: Table, key: Uint8Array): Uint8Array {
  if (table !== Table.Meta) return sealer.blind(table, key);
  const storageKey = new Uint8Array(key.length + 1);
  storageKey[0] = table;
  storageKey.set(key, 1);
  return storageKey;
}
