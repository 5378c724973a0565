import { EventEmitter, once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { Address } from "viem";
import { L2_CHAIN_ID } from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import { EnclaveDriver } from "../../../node/test/helpers/enclaveDriver.ts";
import { NodeRpcServer } from "../../../node/src/rpc/NodeRpcServer.ts";
import { startGateway, type Gateway, type GatewayConfigInput } from "../../src/index.ts";

/** A batch the dev sequencer produced. */
export interface ProducedBatch {
  number: bigint;
  transactions: number;
  deposits: number;
}

/**
 * What stands in for the node's sequencer in these tests (no node process runs here): it feeds the
 * enclave every new L1 block (deposits) and asks it for a batch whenever a transaction arrives at
 * the node's endpoint or a new L1 block comes.
 * Every enclave call of the test goes through `exclusive`, one at a time. `batch` events tell
 * tests what was produced, so they wait on events, not on time.
 */
export class DevSequencer extends EventEmitter<{ batch: [ProducedBatch] }> {
  /** What went wrong while syncing or producing (a test asserts it stays empty). */
  readonly errors: unknown[] = [];
  readonly #driver: EnclaveDriver;
  #queue: Promise<unknown> = Promise.resolve();
  #scheduled = false;
  #stopped = false;
  #unwatch: (() => void) | undefined;
  readonly #inflight = new Set<Promise<void>>();
  /** While set, nothing is produced: transactions wait in the mempool (a test looks at the pending state). */
  paused = false;

  constructor(driver: EnclaveDriver, l1: DevL1) {
    super();
    this.#driver = driver;
    this.#unwatch = l1.publicClient.watchBlockNumber({
      pollingInterval: 100,
      onBlockNumber: () => this.poke(),
      onError: (error) => {
        if (!this.#stopped) this.errors.push(error);
      },
    });
  }

  /** Runs `task` when no other enclave call is running. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Something happened (an L1 block, a resume): sync and produce what there is to produce. */
  poke(): void {
    if (this.#scheduled || this.#stopped || this.paused) return;
    this.#scheduled = true;
    void this.exclusive(async () => {
      this.#scheduled = false;
      if (this.#stopped) return;
      try {
        await this.#driver.sync();
        for (let i = 0; i < 16; i++) {
          const batch = await this.#driver.rpc.call("produceBatch", {
            timestamp: BigInt(Math.floor(Date.now() / 1000)),
            coinbase: this.#driver.operator.account.address,
          });
          if (!batch) break;
          this.emit("batch", { number: batch.number, transactions: batch.transactions, deposits: batch.deposits });
        }
      } catch (error) {
        if (!this.#stopped) this.errors.push(error);
      }
    });
  }

  /**
   * A transaction reached the node: ask the enclave for a batch at once. Called synchronously when
   * the node accepts the transaction, so the request reaches the enclave (which serves its calls in
   * order) before the wallet, told the hash, can ask anything else: a wallet sees its transaction
   * sequenced as on an instant-mining chain.
   */
  transaction(): void {
    if (this.#stopped || this.paused) return;
    const produced = this.#driver.rpc
      .call("produceBatch", {
        timestamp: BigInt(Math.floor(Date.now() / 1000)),
        coinbase: this.#driver.operator.account.address,
      })
      .then(
        (batch) => {
          if (batch)
            this.emit("batch", { number: batch.number, transactions: batch.transactions, deposits: batch.deposits });
        },
        (error: unknown) => {
          if (!this.#stopped) this.errors.push(error);
        },
      )
      .finally(() => this.#inflight.delete(produced));
    this.#inflight.add(produced);
  }

  /** The next batch that satisfies `accept`, within `timeoutMs`. */
  async nextBatch(accept: (batch: ProducedBatch) => boolean = () => true, timeoutMs = 20_000): Promise<ProducedBatch> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const [batch] = await once(this, "batch", { signal }).catch((error: unknown) => {
        throw new Error(`no matching batch within ${timeoutMs} ms`, { cause: error });
      });
      if (accept(batch as ProducedBatch)) return batch as ProducedBatch;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unwatch?.();
    await this.#queue;
    await Promise.all(this.#inflight);
  }
}

export interface Harness {
  l1: DevL1;
  driver: EnclaveDriver;
  sequencer: DevSequencer;
  node: NodeRpcServer;
  gateway: Gateway;
  /** Starts another gateway on the same node (another user's), stopped with the harness. */
  startGateway: (overrides?: Partial<GatewayConfigInput>) => Promise<Gateway>;
  /** Deposits ETH on L1 for `to` and waits for the batch that credits it on L2. */
  fund: (to: Address, amount: bigint) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * anvil with the protocol, a genesis enclave process that founds the network (driven through
 * `EnclaveDriver`), the node's wallet-facing RPC (`NodeRpcServer`) in front of it, the dev
 * sequencer, and a gateway on that node.
 */
export async function startHarness(options: { stake?: boolean } = {}): Promise<Harness> {
  const l1 = await startDevL1();
  const cleanup: (() => Promise<void>)[] = [() => l1.stop()];
  try {
    await l1.mined(l1.wallet(0).approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    const driver = await EnclaveDriver.start(l1, l1.wallet(1));
    cleanup.unshift(() => driver.stop());
    await driver.sync();
    await driver.register();
    await driver.sync();
    await driver.found();
    if (options.stake) await driver.stake(l1.wallet(0));
    await driver.sync();
    const sequencer = new DevSequencer(driver, l1);
    cleanup.unshift(() => sequencer.stop());
    // a dead L1 fails every test after it: say so once, with how it died
    let stopping = false;
    cleanup.unshift(async () => {
      stopping = true;
    });
    l1.anvil.process.once("exit", (code, signal) => {
      if (!stopping) sequencer.errors.push(new Error(`anvil exited during the test (code ${code}, signal ${signal})`));
    });
    const { contracts } = l1.manifest;
    const node = await NodeRpcServer.listen({
      host: "127.0.0.1",
      port: 0,
      enclave: driver.rpc,
      logger: pino({ level: "silent" }),
      describe: async () => {
        const status = await driver.rpc.call("getStatus", {});
        if (!status.networkKey || !status.networkPublicKey) return undefined;
        return {
          l1ChainId: l1.anvil.chainId,
          l2ChainId: L2_CHAIN_ID,
          networkKey: status.networkKey,
          networkPublicKey: status.networkPublicKey,
          contracts: { ...contracts },
        };
      },
      onTransaction: () => sequencer.transaction(),
    });
    cleanup.unshift(() => node.close());
    const gateways: Gateway[] = [];
    const dirs: string[] = [];
    cleanup.unshift(async () => {
      for (const gateway of gateways) await gateway.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });
    const newGateway = async (overrides: Partial<GatewayConfigInput> = {}) => {
      const dataDir = await mkdtemp(join(tmpdir(), "obscuro-gateway-"));
      dirs.push(dataDir);
      const gateway = await startGateway({
        nodeUrl: node.url,
        l1RpcUrl: l1.anvil.rpcUrl,
        networkManagement: contracts.NetworkManagement,
        dataDir,
        port: 0,
        logLevel: (process.env.LOG_LEVEL as "silent" | undefined) ?? "silent",
        pollIntervalMs: 100,
        ...overrides,
      });
      gateways.push(gateway);
      return gateway;
    };
    const gateway = await newGateway();
    const fund = async (to: Address, amount: bigint) => {
      const credited = sequencer.nextBatch((b) => b.deposits > 0);
      await l1.mined(l1.wallet(2).depositEth({ to, amount }));
      await credited;
    };
    return {
      l1,
      driver,
      sequencer,
      node,
      gateway,
      startGateway: newGateway,
      fund,
      stop: async () => {
        for (const step of cleanup) await step();
      },
    };
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}

/** One JSON-RPC call over HTTP: the raw response object (result or error). */
export async function rpc(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(20_000),
  });
  return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
}
