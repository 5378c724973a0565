/**
 * A bounded cache with near-LRU eviction at the cost of a map lookup: entries live in a young
 * and an old generation; a hit in the old one moves the entry to the young one, and when the
 * young generation holds half the budget it becomes the old one (the previous old one is
 * dropped). Hot entries (the top of a trie) therefore never leave. Sizes are estimated bytes.
 */
export class GenerationalCache<V> {
  readonly #budget: number;
  readonly #sizeOf: (key: string, value: V) => number;
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  #youngBytes = 0;

  constructor(budgetBytes: number, sizeOf: (key: string, value: V) => number) {
    this.#budget = Math.max(1, budgetBytes);
    this.#sizeOf = sizeOf;
  }

  get(key: string): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.#add(key, old);
    }
    return old;
  }

  has(key: string): boolean {
    return this.#young.has(key) || this.#old.has(key);
  }

  set(key: string, value: V): void {
    if (this.#young.has(key)) return;
    this.#old.delete(key);
    this.#add(key, value);
  }

  clear(): void {
    this.#young = new Map();
    this.#old = new Map();
    this.#youngBytes = 0;
  }

  #add(key: string, value: V): void {
    this.#young.set(key, value);
    this.#youngBytes += this.#sizeOf(key, value);
    if (this.#youngBytes >= this.#budget / 2) {
      this.#old = this.#young;
      this.#young = new Map();
      this.#youngBytes = 0;
    }
  }
}
