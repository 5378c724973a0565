import { ClassicLevel } from "classic-level";
import type { Sealer } from "../sealing/Sealer.ts";
import { sealOperations, storageKeyOf, type PlainOperation } from "./operations.ts";
import { SealingThread } from "./SealingThread.ts";
import { Table } from "./tables.ts";

export { Table };

/** Batches with more operations than this are sealed on the sealing thread; smaller ones inline. */
const INLINE_SEALING_LIMIT = 256;

/**
 * The sealed database: LevelDB (classic-level) whose keys are blinded and whose values are
 * sealed (`Sealer`). The host sees only table prefixes, random-looking keys and ciphertext.
 * Writes go through `StoreBatch`, sealed when committed (large batches on a sealing thread, so
 * the thread executing blocks goes on meanwhile) and applied atomically.
 */
export class SealedStore {
  readonly #db: ClassicLevel<Uint8Array, Uint8Array>;
  readonly #sealer: Sealer;
  readonly #thread: SealingThread;

  private constructor(db: ClassicLevel<Uint8Array, Uint8Array>, sealer: Sealer, thread: SealingThread) {
    this.#db = db;
    this.#sealer = sealer;
    this.#thread = thread;
  }

  static async open(location: string, sealer: Sealer, sealingKey: Uint8Array): Promise<SealedStore> {
    const db = new ClassicLevel<Uint8Array, Uint8Array>(location, {
      keyEncoding: "view",
      valueEncoding: "view",
      // Sealed values are random bytes: compressing them wastes time.
      compression: false,
      writeBufferSize: 64 * 1024 * 1024,
      cacheSize: 64 * 1024 * 1024,
    });
    await db.open();
    return new SealedStore(db, sealer, new SealingThread(sealingKey));
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

  /** A batch of writes, sealed and applied atomically by `commit`. */
  batch(): StoreBatch {
    return new StoreBatch(this);
  }

  /** Seals `operations` and applies them at once; with `sync`, durably (fsync) before it resolves. */
  async write(operations: readonly PlainOperation[], options: { sync: boolean }): Promise<void> {
    if (operations.length === 0) return;
    const sealed =
      operations.length <= INLINE_SEALING_LIMIT
        ? sealOperations(this.#sealer, operations)
        : await this.#thread.seal(operations);
    await this.#db.batch(sealed, { sync: options.sync });
  }

  async close(): Promise<void> {
    await this.#thread.close();
    await this.#db.close();
  }
}

/** Writes for one atomic LevelDB batch, kept in plaintext until `commit` seals them. */
export class StoreBatch {
  readonly #store: SealedStore;
  readonly #operations: PlainOperation[] = [];

  constructor(store: SealedStore) {
    this.#store = store;
  }

  get size(): number {
    return this.#operations.length;
  }

  put(table: Table, key: Uint8Array, value: Uint8Array): void {
    this.#operations.push({ table, key, value });
  }

  del(table: Table, key: Uint8Array): void {
    this.#operations.push({ table, key, value: undefined });
  }

  /** Seals and applies every write at once; with `sync`, durably (fsync) before it resolves. */
  commit(options: { sync: boolean }): Promise<void> {
    return this.#store.write(this.#operations, options);
  }
}
