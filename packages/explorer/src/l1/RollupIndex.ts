import type { Logger } from "pino";
import type { Chain, Client, Hex, Transport } from "viem";
import { getSubmittedRollup, isErrorWithCode, watchRollups, type SubmittedRollup } from "@obscuro/sdk";

/**
 * Every rollup L1 accepted, from `RollupSubmitted` (the SDK's `watchRollups` from the deployment
 * block on), by hash. Headers never change, so the index only grows. A rollup the watcher has not
 * delivered yet (the canonical head, a contest's tip) is fetched on demand with
 * `getSubmittedRollup`, walking its parents back to a known one.
 */
export class RollupIndex {
  readonly #client: Client<Transport, Chain | undefined>;
  readonly #byHash = new Map<Hex, SubmittedRollup>();
  readonly #log: Logger;
  #unwatch: (() => void) | undefined;

  constructor(client: Client<Transport, Chain | undefined>, logger: Logger) {
    this.#client = client;
    this.#log = logger;
  }

  start(fromBlock: bigint, pollingInterval: number): void {
    this.#unwatch = watchRollups(this.#client, {
      fromBlock,
      pollingInterval,
      onRollups: (rollups) => {
        for (const rollup of rollups) this.#byHash.set(rollup.rollupHash, rollup);
        this.#log.debug({ count: rollups.length, known: this.#byHash.size }, "rollups indexed");
      },
      onError: (error) => this.#log.warn({ err: error.message }, "watching rollups failed; retrying"),
    });
  }

  stop(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  get(hash: Hex): SubmittedRollup | undefined {
    return this.#byHash.get(hash);
  }

  all(): SubmittedRollup[] {
    return [...this.#byHash.values()];
  }

  /** Makes sure `hash` and its ancestors are indexed (undefined: no rollup has this hash, e.g. the genesis). */
  async ensure(hash: Hex): Promise<SubmittedRollup | undefined> {
    let wanted: Hex = hash;
    let first: SubmittedRollup | undefined;
    for (let steps = 0; steps < 1_000; steps++) {
      const known = this.#byHash.get(wanted);
      if (known) return first ?? known;
      let rollup: SubmittedRollup;
      try {
        rollup = await getSubmittedRollup(this.#client, { rollupHash: wanted });
      } catch (error) {
        if (isErrorWithCode(error, "ROLLUP_NOT_FOUND")) return first;
        throw error;
      }
      this.#byHash.set(rollup.rollupHash, rollup);
      first ??= rollup;
      wanted = rollup.header.parentHash;
    }
    return first;
  }
}
