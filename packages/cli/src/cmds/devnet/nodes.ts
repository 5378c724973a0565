import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { erc20Abi, formatEther, type Chain, type Hex, type PublicClient, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getAggregator, getNetworkInfo, type DeploymentManifest } from "@obscuro/sdk";
import { dim, done, step, warn } from "../../util/output.ts";

/** One node the devnet runs. */
export interface DevnetNode {
  name: string;
  mode: "aggregator" | "validator";
  dataDir: string;
  logFile: string;
  child: ChildProcess | undefined;
  endpoints?: { rpcUrl: string; opsUrl: string; enclaveId: Hex; operator: Hex; p2p: string[] };
}

export interface StartDevnetNodesParameters {
  /** The devnet's state folder: one folder per node in it. */
  stateDir: string;
  manifestFile: string;
  manifest: DeploymentManifest;
  rpcUrl: string;
  /** anvil's dev keys: node i is operated by account i + 1. */
  keys: readonly Hex[];
  aggregators: number;
  validators: number;
  /** The treasury (account 0), which funds the aggregators' stake. */
  treasury: WalletClient<never, Chain>;
  publicClient: PublicClient;
  /** Milliseconds to wait for each node to be ready. */
  readyTimeoutMs?: number;
  /**
   * Node i serves its RPC on `basePort + 100 + i`, its ops endpoint on `basePort + 1100 + i` and
   * gossip on `basePort + 21758 + i` (8645…, 9645…, 30303… for anvil on 8545); 0: any free ports.
   */
  basePort: number;
}

/**
 * Starts the devnet's nodes as processes (`obscuro-node`, host + enclave each): the first
 * aggregator founds the network (or resumes it), the others join through L1. Each node's log goes
 * to `<stateDir>/<name>/node.log`; a node that exits on its own is reported at once.
 */
export async function startDevnetNodes(parameters: StartDevnetNodesParameters): Promise<DevnetNode[]> {
  const nodes: DevnetNode[] = [];
  const total = parameters.aggregators + parameters.validators;
  for (let i = 0; i < total; i++) {
    const mode = i < parameters.aggregators ? "aggregator" : "validator";
    const name = mode === "aggregator" ? `aggregator-${i + 1}` : `validator-${i - parameters.aggregators + 1}`;
    const key = parameters.keys[i + 1];
    if (!key) throw new Error(`anvil has no account ${i + 1} for ${name}`);
    nodes.push(await prepareNode(parameters, name, mode, key, i));
  }
  try {
    // The founder first: the others register once it is ready to answer them.
    await launch(nodes[0]!, parameters.readyTimeoutMs);
    await Promise.all(nodes.slice(1).map((node) => launch(node, parameters.readyTimeoutMs)));
  } catch (error) {
    // None is left running: the caller knows of no node until all are ready.
    await stopDevnetNodes(nodes);
    throw error;
  }
  return nodes;
}

/** Stops every node (SIGTERM: each stops its parts in order and flushes its enclave). */
export async function stopDevnetNodes(nodes: readonly DevnetNode[]): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      const child = node.child;
      if (!child) return;
      node.child = undefined;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      done(`${node.name} stopped`);
    }),
  );
}

async function prepareNode(
  parameters: StartDevnetNodesParameters,
  name: string,
  mode: "aggregator" | "validator",
  key: Hex,
  index: number,
): Promise<DevnetNode> {
  const port = (offset: number) => (parameters.basePort === 0 ? 0 : parameters.basePort + offset + index);
  const dataDir = join(parameters.stateDir, name);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = join(dataDir, "operator.key");
  if (!existsSync(keyFile)) await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
  const operator = privateKeyToAccount(key).address;
  if (mode === "aggregator") await fundStake(parameters, operator);
  const config = {
    dataDir,
    mode,
    manifest: parameters.manifestFile,
    operatorKeyFile: keyFile,
    l1: { rpcUrl: parameters.rpcUrl, pollIntervalMs: 500 },
    rpc: { host: "127.0.0.1", port: port(100) },
    ops: { host: "127.0.0.1", port: port(1_100) },
    p2p: { listen: `/ip4/127.0.0.1/tcp/${port(21_758)}`, bootstrap: [] },
    sequencing: { dataMode: "auto", batchIntervalMs: 1_000, rollupIntervalBlocks: 3, takeoverBlocks: 4 },
    logLevel: "info",
  };
  await writeFile(join(dataDir, "config.json"), JSON.stringify(config, null, 2) + "\n");
  return { name, mode, dataDir, logFile: join(dataDir, "node.log"), child: undefined };
}

async function fundStake(parameters: StartDevnetNodesParameters, operator: Hex): Promise<void> {
  const token = parameters.manifest.contracts.ObscuroToken;
  const networkManagementAddress = parameters.manifest.contracts.NetworkManagement;
  const { minStake } = await getNetworkInfo(parameters.publicClient, { networkManagementAddress });
  const { stake } = await getAggregator(parameters.publicClient, { operator, networkManagementAddress });
  const need = minStake > stake ? minStake - stake : 0n;
  const have = await parameters.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [operator],
  });
  if (have >= need) return;
  const transfer = {
    address: token,
    abi: erc20Abi,
    functionName: "transfer",
    args: [operator, need - have],
    account: parameters.treasury.account!,
  } as const;
  // A margin over the estimate: the treasury's vote checkpoint costs more in a new block than in the estimate's.
  const gas = ((await parameters.publicClient.estimateContractGas(transfer)) * 3n) / 2n;
  const hash = await parameters.treasury.writeContract({ ...transfer, gas, chain: parameters.treasury.chain });
  const receipt = await parameters.publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
  if (receipt.status !== "success") throw new Error(`funding the stake of ${operator} reverted (${hash})`);
  done(`${operator} funded with ${formatEther(need - have)} OBX to stake`);
}

async function launch(node: DevnetNode, readyTimeoutMs = 180_000): Promise<void> {
  step(`Starting ${node.name} (${node.mode})`);
  const main = createRequire(import.meta.url).resolve("@obscuro/node/main");
  const log = createWriteStream(node.logFile, { flags: "a" });
  const endpointsFile = join(node.dataDir, "node.json");
  await rm(endpointsFile, { force: true });
  const child = spawn(process.execPath, [main, "--config", join(node.dataDir, "config.json")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  node.child = child;
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once("exit", (code, signal) => {
    if (node.child !== child) return; // stopped on purpose
    node.child = undefined;
    warn(`${node.name} exited on its own (code ${code}, signal ${signal}); its log: ${node.logFile}`);
  });
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!node.child) throw new Error(`${node.name} exited while starting; its log: ${node.logFile}`);
    if (existsSync(endpointsFile)) {
      node.endpoints ??= await readEndpoints(endpointsFile);
      const ready = node.endpoints ? await fetch(`${node.endpoints.opsUrl}/ready`).catch(() => undefined) : undefined;
      if (ready?.status === 200) break;
    }
    if (Date.now() > deadline)
      throw new Error(`${node.name} was not ready within ${readyTimeoutMs / 1000} s; its log: ${node.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  done(`${node.name} ready: RPC ${node.endpoints!.rpcUrl}  ${dim(`ops ${node.endpoints!.opsUrl}`)}`);
}

/** The node's `node.json`, or undefined while the node is still writing it. */
async function readEndpoints(file: string): Promise<DevnetNode["endpoints"]> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as DevnetNode["endpoints"];
  } catch {
    return undefined;
  }
}
