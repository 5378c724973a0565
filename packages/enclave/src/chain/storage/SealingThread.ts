import { Worker } from "node:worker_threads";
import { packPlain, unpackSealed, type PlainOperation, type SealedOperation } from "./operations.ts";

/**
 * The main thread's side of the sealing thread (`sealingWorker.ts`): hands it packed operations
 * (transferred, not copied) and gets them back sealed. One batch at a time is all the chain needs.
 */
export class SealingThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (ops: SealedOperation[]) => void; reject: (e: Error) => void }>();
  #nextId = 0;

  constructor(sealingKey: Uint8Array) {
    const key = Uint8Array.from(sealingKey).buffer;
    this.#worker = new Worker(new URL("./sealingWorker.ts", import.meta.url), { workerData: { sealingKey: key } });
    this.#worker.on("message", (message: { id: number; sealed?: ArrayBuffer; error?: string }) => {
      const waiter = this.#waiting.get(message.id);
      this.#waiting.delete(message.id);
      if (message.sealed !== undefined) waiter?.resolve(unpackSealed(message.sealed));
      else waiter?.reject(new Error(`sealing failed: ${message.error}`));
    });
    this.#worker.on("error", (error) => this.#failAll(error));
    this.#worker.on("exit", (code) => this.#failAll(new Error(`the sealing thread exited (${code})`)));
  }

  seal(operations: readonly PlainOperation[]): Promise<SealedOperation[]> {
    const id = this.#nextId++;
    const packed = packPlain(operations);
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, operations: packed }, [packed]);
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #failAll(error: Error): void {
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }
}
