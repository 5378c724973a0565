/**
 * The sealing thread: blinds keys and seals values of the chain's write batches off the thread
 * that executes blocks (a flush seals thousands of values). It receives the sealing key once,
 * at start, in `workerData` (the enclave's own memory), and packed plaintext operations; it
 * returns packed sealed operations.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Sealer } from "../sealing/Sealer.ts";
import { packSealed, sealOperations, unpackPlain } from "./operations.ts";

const sealer = new Sealer(new Uint8Array((workerData as { sealingKey: ArrayBuffer }).sealingKey));

parentPort!.on("message", (message: { id: number; operations: ArrayBuffer }) => {
  try {
    const sealed = packSealed(sealOperations(sealer, unpackPlain(message.operations)));
    parentPort!.postMessage({ id: message.id, sealed }, [sealed]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
