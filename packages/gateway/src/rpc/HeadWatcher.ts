import type { Logger } from "pino";
import type { NodeClient } from "../node/NodeClient.ts";

/** Told of each new range of L2 blocks the watcher saw: `from` to `to`, both included. */
export type HeadListener = (range: { from: bigint; to: bigint }) => Promise<void> | void;

/**
 * Follows the node's L2 head for WebSocket subscriptions: the node's endpoint has no push, so
 * the gateway asks for `eth_blockNumber` every `intervalMs`, only while someone listens, and tells
 * every listener the range of new blocks. A failing node is retried with backoff (up to 30 s)
 * without losing the range: listeners get every block once.
 */
export class HeadWatcher {
  readonly #node: NodeClient;
  readonly #intervalMs: number;
  readonly #log: Logger;
  readonly #listeners = new Set<HeadListener>();
  #controller: AbortController | undefined;
  #running: Promise<void> | undefined;
  /** The last block every listener was told of. */
  #last: bigint | undefined;

  constructor(node: NodeClient, options: { intervalMs: number; logger: Logger }) {
    this.#node = node;
    this.#intervalMs = options.intervalMs;
    this.#log = options.logger.child({ module: "heads" });
  }

  /**
   * Adds a listener, starting the watch at the node's current head if it is the first (so no block
   * after this call is missed); returns the function that removes it.
   * @throws {NodeUnreachableError} when the watch must start and the node does not answer.
   */
  async listen(listener: HeadListener): Promise<() => void> {
    if (!this.#controller) {
      const head = BigInt(await this.#node.call<string>("eth_blockNumber"));
      if (!this.#controller) {
        this.#last = head;
        this.#start();
      }
    }
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.stop();
    };
  }

  get listening(): number {
    return this.#listeners.size;
  }

  async stop(): Promise<void> {
    const controller = this.#controller;
    this.#controller = undefined;
    controller?.abort();
    await this.#running;
  }

  #start(): void {
    const controller = new AbortController();
    this.#controller = controller;
    const previous = this.#running ?? Promise.resolve();
    this.#running = previous.then(() => this.#loop(controller.signal));
  }

  async #loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      await sleep(failures === 0 ? this.#intervalMs : Math.min(30_000, this.#intervalMs * 2 ** failures), signal);
      if (signal.aborted) break;
      try {
        const head = BigInt(await this.#node.call<string>("eth_blockNumber"));
        if (this.#last !== undefined && head > this.#last) {
          const range = { from: this.#last + 1n, to: head };
          this.#last = head;
          await Promise.all(
            [...this.#listeners].map(async (listener) => {
              try {
                await listener(range);
              } catch (error) {
                this.#log.warn({ err: error }, "a subscription could not be served");
              }
            }),
          );
        }
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 10 === 0)
          this.#log.warn({ err: error, failures }, "the node's head is unknown");
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
