import { join } from "node:path";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { Sealer } from "../chain/sealing/Sealer.ts";
import type { SealingKeySource } from "../chain/sealing/sealingKey.ts";
import { SealedStore, type Table } from "../chain/storage/SealedStore.ts";

/** A table of the enclave's own records. */
export type EnclaveTable =
  typeof Table.EnclaveRecord | typeof Table.L1Block | typeof Table.Deposit | typeof Table.Rollup | typeof Table.Mempool;

/** One write of an atomic group. */
export interface RecordWrite {
  table: EnclaveTable;
  key: string;
  /** Undefined deletes. */
  value: unknown;
}

/**
 * The enclave's own state, beside the chain's: its keys and the network's secret, the L1 view,
 * the deposits and rollups it took from L1, its mempool. A LevelDB of its own
 * (`<directory>/enclave`), sealed with the same key source as the chain, keys blinded; records are
 * JSON with bigints and bytes kept exact. Every group of writes is applied atomically and durably
 * (fsync) before it resolves, so each step of the enclave either happened or did not.
 */
export class EnclaveStore {
  readonly #store: SealedStore;

  private constructor(store: SealedStore) {
    this.#store = store;
  }

  static async open(directory: string, sealing: SealingKeySource): Promise<EnclaveStore> {
    const key = await sealing.sealingKey();
    return new EnclaveStore(await SealedStore.open(join(directory, "enclave"), new Sealer(key), key));
  }

  async get<T>(table: EnclaveTable, key: string): Promise<T | undefined> {
    const value = await this.#store.get(table, keyBytes(key));
    return value === undefined ? undefined : (decode(value) as { value: T }).value;
  }

  /** Every record of `table` (unordered). */
  async all<T>(table: EnclaveTable): Promise<T[]> {
    const out: T[] = [];
    for await (const value of this.#store.values(table)) {
      const record = decode(value) as { value: T };
      out.push(record.value);
    }
    return out;
  }

  /** Applies every write at once, durably. */
  async write(writes: readonly RecordWrite[]): Promise<void> {
    const batch = this.#store.batch();
    for (const { table, key, value } of writes) {
      // `all` iterates values only, so a record carries its key
      if (value === undefined) batch.del(table, keyBytes(key));
      else batch.put(table, keyBytes(key), encode({ key, value }));
    }
    await batch.commit({ sync: true });
  }

  async put(table: EnclaveTable, key: string, value: unknown): Promise<void> {
    await this.write([{ table, key, value }]);
  }

  async close(): Promise<void> {
    await this.#store.close();
  }
}

function keyBytes(key: string): Uint8Array {
  return new TextEncoder().encode(key);
}

/** JSON with bigints (`{"$n":"…"}`) and bytes (`{"$b":"0x…"}`) kept exact. */
function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return { $n: v.toString() };
      if (v instanceof Uint8Array) return { $b: bytesToHex(v) };
      return v;
    }),
  );
}

function decode(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes), (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as { $n?: string; $b?: Hex };
      if (typeof o.$n === "string" && Object.keys(o).length === 1) return BigInt(o.$n);
      if (typeof o.$b === "string" && Object.keys(o).length === 1) return hexToBytes(o.$b);
    }
    return v;
  });
}
