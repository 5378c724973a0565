/**
 * Values read from L1 at one block, kept until the next block: a page refresh (or many browsers
 * polling) costs one read per section per L1 block. Concurrent requests share the read in flight;
 * a failed read is forgotten so the next request tries again.
 */
export class BlockCache {
  readonly #entries = new Map<string, { blockNumber: bigint; value: Promise<unknown> }>();

  get<T>(key: string, blockNumber: bigint, read: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry && entry.blockNumber === blockNumber) return entry.value as Promise<T>;
    const value = read();
    this.#entries.set(key, { blockNumber, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A value read at most once per `ttlMs` (the L1 head, the nodes' status). */
export class TtlCache<T> {
  readonly #ttlMs: number;
  #entry: { at: number; value: Promise<T> } | undefined;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  get(read: () => Promise<T>): Promise<T> {
    const now = Date.now();
    if (this.#entry && now - this.#entry.at < this.#ttlMs) return this.#entry.value;
    const value = read();
    const entry = { at: now, value };
    this.#entry = entry;
    value.catch(() => {
      if (this.#entry === entry) this.#entry = undefined;
    });
    return value;
  }
}
