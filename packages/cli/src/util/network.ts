import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  defineObscuroL1Chain,
  parseDeploymentManifest,
  publicActionsObscuroL1,
  walletActionsObscuroL1,
  type DeploymentManifest,
  type ObscuroL1Chain,
} from "@obscuro/sdk";
import { Option, type Command } from "commander";
import {
  createPublicClient,
  createWalletClient,
  http,
  type Hash,
  type LocalAccount,
  type TransactionReceipt,
} from "viem";
import { getBlock, getChainId, waitForTransactionReceipt } from "viem/actions";
import { progress } from "./command.ts";
import { CliError, usageError } from "./errors.ts";
import { parsePositiveInt, setChainTime } from "./format.ts";

/*
 * Which network a command talks to: an L1 JSON-RPC endpoint (`--rpc`, or OBSCURO_RPC) and the
 * deployment manifest that says where the protocol is on it (`--manifest`, or OBSCURO_MANIFEST,
 * else `deployments/<chainId>.json` in the working directory, where `obscuro devnet` and
 * `obscuro deploy` write it). The manifest's chain must be the endpoint's.
 */

/** The network options of a command. */
export interface NetworkOptions {
  rpc?: string | undefined;
  manifest?: string | undefined;
  /** Seconds to wait for a transaction. */
  timeout: number;
  json: boolean;
}

/** Adds `--rpc`, `--manifest` (unless `manifest: false`), `--timeout` and `--json` to a command. */
export function addNetworkOptions(command: Command, { manifest = true }: { manifest?: boolean } = {}): Command {
  command.addOption(new Option("--rpc <url>", "L1 JSON-RPC endpoint").env("OBSCURO_RPC"));
  if (manifest) {
    command.addOption(
      new Option("--manifest <file>", "deployment manifest of the network (default: deployments/<chainId>.json)").env(
        "OBSCURO_MANIFEST",
      ),
    );
  }
  return command
    .option("--timeout <seconds>", "how long to wait for each transaction to be mined", parsePositiveInt, 120)
    .option("--json", "print the result as one JSON object", false);
}

/** A connection to the L1 of a deployment: the manifest, its chain and a decorated public client. */
export type L1 = Awaited<ReturnType<typeof connect>>;

/** The L1 endpoint, checked to answer. */
export async function connectRpc(options: Pick<NetworkOptions, "rpc">) {
  if (!options.rpc) {
    throw usageError("RPC_REQUIRED", "This command needs the L1: pass --rpc URL or set OBSCURO_RPC.");
  }
  const rpcUrl = options.rpc;
  const transport = http(rpcUrl, { retryCount: 1, timeout: 30_000 });
  const bare = createPublicClient({ transport });
  let chainId: number;
  try {
    chainId = await getChainId(bare);
  } catch (cause) {
    throw new CliError("L1_UNREACHABLE", `Cannot reach the L1 at ${rpcUrl}.`, {
      cause,
      details: (cause as Error).message.split("\n")[0],
    });
  }
  return { rpcUrl, transport, chainId };
}

/**
 * Reads and checks a manifest file.
 * @throws {CliError} `MANIFEST` when it cannot be read or is malformed (exit 2).
 */
export async function readManifestFile(path: string): Promise<DeploymentManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw usageError("MANIFEST", `Cannot read the deployment manifest ${path}.`, {
      cause,
      details: (cause as Error).message,
    });
  }
  try {
    return parseDeploymentManifest(raw as Record<string, unknown>, path);
  } catch (cause) {
    throw usageError("MANIFEST", `${path} is not a deployment manifest.`, {
      cause,
      details: (cause as Error).message.split("\n")[0],
    });
  }
}

/** The manifest a command names, or the one for `chainId` in `deployments/`. */
export async function loadManifest(options: Pick<NetworkOptions, "manifest">, chainId?: number) {
  const path =
    options.manifest ??
    (chainId !== undefined && existsSync(join("deployments", `${chainId}.json`))
      ? join("deployments", `${chainId}.json`)
      : undefined);
  if (!path) {
    throw usageError(
      "MANIFEST_REQUIRED",
      "This command needs the deployment manifest: pass --manifest FILE or set OBSCURO_MANIFEST.",
      { details: chainId === undefined ? undefined : `no deployments/${chainId}.json in ${resolve(".")}` },
    );
  }
  const manifest = await readManifestFile(path);
  if (chainId !== undefined && manifest.chainId !== chainId) {
    throw usageError(
      "MANIFEST_CHAIN",
      `The manifest ${path} is for chain ${manifest.chainId}, but the L1 at the RPC is chain ${chainId}.`,
    );
  }
  return { manifest, path };
}

/**
 * Connects to the network a command names: the endpoint answers, the manifest is for its chain.
 * Also sets the time "in 5 min" counts from to the L1's.
 */
export async function connect(options: NetworkOptions) {
  const { rpcUrl, transport, chainId } = await connectRpc(options);
  const { manifest, path } = await loadManifest(options, chainId);
  const chain: ObscuroL1Chain = defineObscuroL1Chain({ manifest, rpcUrl });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 500 }).extend(publicActionsObscuroL1());
  const latest = await getBlock(publicClient);
  // An idle dev chain's latest block can be old, a time-travelled one ahead of the wall clock.
  setChainTime(Math.max(Number(latest.timestamp), Math.floor(Date.now() / 1000)));
  /** A decorated wallet client of `account` on the deployment's chain. */
  const wallet = (account: LocalAccount) =>
    createWalletClient({ account, chain, transport, pollingInterval: 500 }).extend(walletActionsObscuroL1());
  /**
   * Sends a transaction (`send` goes through the SDK's send path, which simulates it first) and
   * waits for it, at most `--timeout` seconds, with a progress line.
   */
  const sendAndWait = async (what: string, send: () => Promise<Hash>): Promise<TransactionReceipt> => {
    const hash = await send();
    progress(`${what}: waiting for ${hash} to be mined (up to ${options.timeout} s)`);
    let receipt: TransactionReceipt;
    try {
      receipt = await waitForTransactionReceipt(publicClient, { hash, timeout: options.timeout * 1000 });
    } catch (cause) {
      throw new CliError("TRANSACTION_TIMEOUT", `${what}: ${hash} was not mined within ${options.timeout} s.`, {
        cause,
        details: "it may still be mined: look it up by its hash before sending it again",
      });
    }
    if (receipt.status !== "success") {
      throw new CliError("TRANSACTION_REVERTED", `${what}: ${hash} was mined but reverted.`, {
        details: "the chain changed between the simulation and the inclusion; check the state and try again",
      });
    }
    return receipt;
  };
  return { rpcUrl, chainId, manifest, manifestPath: path, chain, publicClient, latest, wallet, sendAndWait };
}
