import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { erc20Abi, parseEther, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  encryptTransaction,
  L2_CHAIN_ID,
  serializeManifest,
  type ViewingKey,
} from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import type { NodeConfigInput } from "../../src/config.ts";
import type { NodeEndpoints } from "../../src/Node.ts";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/** Polls `check` every `everyMs` until it returns a value; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, everyMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** One node process of a test network. */
/** L1 blocks from a rollup's inclusion to its finality on the test network. */
export const FINALITY_DELAY = 90;

export class NodeProcess {
  readonly name: string;
  readonly dataDir: string;
  readonly configFile: string;
  readonly operator: PrivateKeyAccount;
  #child: ChildProcess | undefined;
  #exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  #log: WriteStream | undefined;
  endpoints: NodeEndpoints | undefined;

  constructor(name: string, dataDir: string, configFile: string, operator: PrivateKeyAccount) {
    this.name = name;
    this.dataDir = dataDir;
    this.configFile = configFile;
    this.operator = operator;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /**
   * Starts the process (`env` adds variables, e.g. a failpoint); resolves once it wrote its
   * endpoints, or at once with `wait: false` (a process that may crash before it is up).
   */
  async start(env: Record<string, string> = {}, { wait = true } = {}): Promise<NodeEndpoints | undefined> {
    const endpointsFile = join(this.dataDir, "node.json");
    await rm(endpointsFile, { force: true });
    this.#log = createWriteStream(join(this.dataDir, "node.log"), { flags: "a" });
    const child = spawn(process.execPath, [MAIN, "--config", this.configFile], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    child.stdout!.pipe(this.#log, { end: false });
    child.stderr!.pipe(this.#log, { end: false });
    this.#exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        if (this.#child === child) this.#child = undefined;
        resolve({ code, signal });
      }),
    );
    if (!wait) return undefined;
    const exited = this.#exit.then(({ code, signal }) => {
      throw new Error(
        `${this.name} exited while starting (code ${code}, signal ${signal}); log: ${this.dataDir}/node.log`,
      );
    });
    this.endpoints = await Promise.race([
      exited,
      waitFor(
        `${this.name} to start (log: ${join(this.dataDir, "node.log")})`,
        async () =>
          existsSync(endpointsFile) ? (JSON.parse(await readFile(endpointsFile, "utf8")) as NodeEndpoints) : undefined,
        { timeoutMs: 90_000 },
      ),
    ]);
    exited.catch(() => undefined);
    return this.endpoints;
  }

  /** Resolves once the node answers `/ready` with 200. */
  async ready(timeoutMs = 120_000): Promise<void> {
    await waitFor(
      `${this.name} to be ready (log: ${join(this.dataDir, "node.log")})`,
      async () => (await fetch(`${this.endpoints!.opsUrl}/ready`)).status === 200,
      { timeoutMs },
    );
  }

  /** The node's `/status`. */
  async status(): Promise<NodeStatusView> {
    return (await (await fetch(`${this.endpoints!.opsUrl}/status`)).json()) as NodeStatusView;
  }

  /** Kills the process with `signal` (SIGKILL: a crash) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.#child;
    if (!child) return { code: null, signal: null };
    child.kill(signal);
    return this.exited(60_000);
  }

  /** Waits for the process to exit on its own (a crash point). */
  async exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      this.#exit!,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    this.#log?.end();
    return exit;
  }
}

/** What `/status` answers (the parts tests read). */
export interface NodeStatusView {
  enclaveId: Address;
  registration: string;
  hasSecret: boolean;
  l2Head: { number: string; hash: Hex };
  safe: { rollupHash: Hex; number: string; keyEpoch: number; l2Block: string };
  mempool: number;
  peers: number;
  sequencer: { staked: boolean; rollupsPublished: number; batchesProduced: number } | null;
}

/** A test network: anvil with the protocol, and node processes started on demand. */
export class DevNetwork {
  readonly l1: DevL1;
  readonly dir: string;
  readonly manifestFile: string;
  readonly nodes: NodeProcess[] = [];
  #accountIndex = 1;

  private constructor(l1: DevL1, dir: string, manifestFile: string) {
    this.l1 = l1;
    this.dir = dir;
    this.manifestFile = manifestFile;
  }

  /**
   * Anvil with ~1 s blocks, the protocol deployed and the dev enclave measurement approved.
   * Rollups are final {@link FINALITY_DELAY} blocks after inclusion: the window in which the other
   * nodes must testify against an invalid one and slash it, which on a loaded 2-core machine can
   * take tens of seconds. Tests that wait for finality mine those blocks at once.
   */
  static async start(): Promise<DevNetwork> {
    const l1 = await startDevL1({
      anvil: { blockTime: 1 },
      deploy: { rollup: { finalityDelay: FINALITY_DELAY, forkExpiry: 2 * FINALITY_DELAY } },
    });
    await l1.mined(l1.wallet(0).approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    const dir = await mkdtemp(join(tmpdir(), "obscuro-network-"));
    const manifestFile = join(dir, "manifest.json");
    await writeFile(manifestFile, serializeManifest(l1.manifest));
    return new DevNetwork(l1, dir, manifestFile);
  }

  /** Writes a node's configuration (an operator funded with ETH, and OBX for an aggregator). */
  async addNode(
    name: string,
    mode: "aggregator" | "validator",
    sequencing: NodeConfigInput["sequencing"] = { rollupIntervalBlocks: 3, takeoverBlocks: 4, batchIntervalMs: 500 },
  ): Promise<NodeProcess> {
    const index = this.#accountIndex++;
    const key = this.l1.anvil.accounts[index]!.privateKey;
    const operator = privateKeyToAccount(key);
    const dataDir = join(this.dir, name);
    const keyFile = join(this.dir, `${name}.key`);
    await writeFile(keyFile, key, { mode: 0o600 });
    if (mode === "aggregator") await this.#fundStake(operator.address);
    const config: NodeConfigInput = {
      dataDir,
      mode,
      manifest: this.manifestFile,
      operatorKeyFile: keyFile,
      l1: { rpcUrl: this.l1.anvil.rpcUrl, pollIntervalMs: 250 },
      sequencing: { dataMode: "blobs", ...sequencing },
      logLevel: (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
    };
    const configFile = join(this.dir, `${name}.json`);
    await writeFile(configFile, JSON.stringify(config, null, 2));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dataDir, { recursive: true });
    const node = new NodeProcess(name, dataDir, configFile, operator);
    this.nodes.push(node);
    return node;
  }

  async #fundStake(operator: Address): Promise<void> {
    const treasury = this.l1.wallet(0);
    const transfer = {
      address: this.l1.manifest.contracts.ObscuroToken,
      abi: erc20Abi,
      functionName: "transfer",
      args: [operator, parseEther("100000")],
      account: treasury.account,
    } as const;
    // A margin over the estimate: the treasury's vote checkpoint costs more in a new block than in the estimate's.
    const gas = ((await this.l1.publicClient.estimateContractGas(transfer)) * 3n) / 2n;
    await this.l1.mined(treasury.writeContract({ ...transfer, gas }));
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.nodes.map((node) => node.kill("SIGTERM")));
    await this.l1.stop();
    if (!process.env.KEEP_TEST_DIRS) await rm(this.dir, { recursive: true, force: true });
  }
}

/** A user of the L2 talking to a node's wallet-facing RPC directly (what a gateway does for wallets). */
export class L2User {
  readonly account: PrivateKeyAccount;
  #viewingKey: ViewingKey | undefined;
  #authorization: Awaited<ReturnType<typeof authorizeViewingKey>> | undefined;
  #nonce = 0;

  constructor(account = privateKeyToAccount(generatePrivateKey())) {
    this.account = account;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Signs an ETH transfer, encrypts it to the network key and sends it to the node at `rpcUrl`; returns its hash. */
  async transfer(rpcUrl: string, to: Address, value: bigint): Promise<Hex> {
    const network = await describe(rpcUrl);
    const raw = await this.account.signTransaction({
      chainId: Number(L2_CHAIN_ID),
      type: "eip1559",
      nonce: this.#nonce,
      to,
      value,
      gas: 21_000n,
      maxFeePerGas: 5_000_000_000n,
      maxPriorityFeePerGas: 1n,
    });
    const { result, error } = await rpc<{ hash: Hex }>(rpcUrl, "obscuro_sendTransaction", [
      encryptTransaction(raw, network.networkPublicKey),
    ]);
    if (error) throw new Error(`transfer refused: ${error.message} (${String(error.data)})`);
    this.#nonce++;
    return result!.hash;
  }

  /** A private read (balance, nonce, receipt…) through the node at `rpcUrl`, with this user's viewing key. */
  async read<T>(rpcUrl: string, method: string, params: unknown[]): Promise<T> {
    const network = await describe(rpcUrl);
    this.#viewingKey ??= createViewingKey();
    this.#authorization ??= await authorizeViewingKey({
      account: this.account,
      viewingKey: this.#viewingKey.address,
      networkKey: network.networkKey,
      l2ChainId: L2_CHAIN_ID,
    });
    const { encrypted } = await encryptPrivateRequest({
      networkPublicKey: network.networkPublicKey,
      viewingKey: this.#viewingKey,
      authorization: this.#authorization,
      method,
      params,
    });
    const { result, error } = await rpc<{ encrypted: Hex }>(rpcUrl, "obscuro_privateRequest", [encrypted]);
    if (error) throw new Error(`private request refused: ${error.message}`);
    const response = decryptPrivateResponse(result!.encrypted, this.#viewingKey.privateKey);
    if ("error" in response) throw new Error(`private request failed: ${JSON.stringify(response.error)}`);
    return response.result as T;
  }
}

async function describe(rpcUrl: string): Promise<{ networkKey: Address; networkPublicKey: Hex }> {
  const { result, error } = await rpc<{ networkKey: Address; networkPublicKey: Hex }>(rpcUrl, "obscuro_getNetwork", []);
  if (!result) throw new Error(`the node has no network yet: ${error?.message}`);
  return result;
}

/** One JSON-RPC call over HTTP. */
export async function rpc<T>(
  url: string,
  method: string,
  params: unknown[],
): Promise<{ result?: T; error?: { code: number; message: string; data?: unknown } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await response.json()) as { result?: T; error?: { code: number; message: string } };
}
