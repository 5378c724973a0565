import assert from "node:assert/strict";
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { L2Chain } from "../src/index.ts";
import { openChain, tempDirectory } from "./helpers/chain.ts";
import { WALLETS, workloadBatch } from "./helpers/workload.ts";

const CHILD = fileURLToPath(new URL("./helpers/crashChild.ts", import.meta.url));
const WAIT_MS = 120_000;
const ROUNDS = 5;

interface Message {
  type: "opened" | "acknowledged";
  number?: string;
  head?: string;
  hash?: string;
}

/** The child's messages, in order; `next` waits for one, bounded, and fails if the child exits first. */
class Channel {
  readonly #queue: Message[] = [];
  readonly #waiters: { resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  #exit: string | undefined;

  constructor(child: ChildProcess) {
    child.on("message", (message: Message) => {
      const waiter = this.#waiters.shift();
      if (waiter === undefined) this.#queue.push(message);
      else waiter.resolve(message);
    });
    child.on("exit", (code, signal) => {
      this.#exit = `${code ?? signal}`;
      for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error(`the child exited (${this.#exit})`));
    });
  }

  next(): Promise<Message> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#exit !== undefined) return Promise.reject(new Error(`the child exited (${this.#exit})`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message from the child in ${WAIT_MS} ms`)), WAIT_MS);
      this.#waiters.push({
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }
}

describe("crash recovery", () => {
  let dir: Awaited<ReturnType<typeof tempDirectory>>;
  let referenceDir: Awaited<ReturnType<typeof tempDirectory>>;
  let reference: L2Chain;
  /** The reference run's block hashes and ledger roots, by number. */
  const expected: { hash: string; ledgerRoot: string; balances: bigint[] }[] = [];

  const referenceUpTo = async (number: bigint): Promise<void> => {
    while (BigInt(expected.length) <= number) {
      if (expected.length > 0)
        await reference.executeBlock(await workloadBatch(reference.head.number + 1n, reference.head.hash));
      expected.push({
        hash: reference.head.hash,
        ledgerRoot: reference.ledgerRoot(),
        balances: await Promise.all(WALLETS.map((w) => reference.getBalance(w.address))),
      });
    }
  };

  before(async () => {
    dir = await tempDirectory();
    referenceDir = await tempDirectory();
    reference = await openChain(referenceDir.path);
  });
  after(async () => {
    await reference.close();
    await referenceDir.cleanup();
    await dir.cleanup();
  });

  it("SIGKILL at random points loses no acknowledged block and applies none twice", async () => {
    let lastAcknowledged = 0n;
    for (let round = 0; round < ROUNDS; round++) {
      const child = fork(CHILD, [dir.path], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
      const channel = new Channel(child);
      try {
        const opened = await channel.next();
        assert.equal(opened.type, "opened");
        // Recovery in the child reached at least what was acknowledged before.
        assert.ok(BigInt(opened.head!) >= lastAcknowledged);
        const acknowledgements = 2 + Math.floor(Math.random() * 12);
        for (let i = 0; i < acknowledgements; i++) {
          const message = await channel.next();
          assert.equal(message.type, "acknowledged");
          lastAcknowledged = BigInt(message.number!);
        }
      } finally {
        // The child is already busy with the next block: it dies somewhere inside it (executing,
        // journaling, or flushing).
        const exited = once(child, "exit", { signal: AbortSignal.timeout(WAIT_MS) });
        child.kill("SIGKILL");
        await exited;
      }

      const chain = await openChain(dir.path, { flushInterval: 3 });
      try {
        const head = chain.head.number;
        // Nothing acknowledged is lost; at most the block in flight (durable, not yet acknowledged) is there too.
        assert.ok(head >= lastAcknowledged, `round ${round}: head ${head} < acknowledged ${lastAcknowledged}`);
        assert.ok(head <= lastAcknowledged + 1n, `round ${round}: head ${head} > acknowledged ${lastAcknowledged} + 1`);
        // Exactly the reference's state at that block: nothing applied twice, nothing half-applied.
        await referenceUpTo(head);
        const want = expected[Number(head)]!;
        assert.equal(chain.head.hash, want.hash);
        assert.equal(chain.ledgerRoot(), want.ledgerRoot);
        assert.deepEqual(await Promise.all(WALLETS.map((w) => chain.getBalance(w.address))), want.balances);
        lastAcknowledged = head;
      } finally {
        await chain.close();
      }
    }
  });
});
