import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DevnetGateway } from "./gateway.ts";
import type { DevnetNode } from "./nodes.ts";

/** `<stateDir>/devnet.json`: written once the whole devnet serves, removed when it stops. */
export interface DevnetFile {
  /** The `obscuro devnet` process. */
  pid: number;
  l1: { rpcUrl: string; chainId: number };
  manifest: string;
  gateway: { url: string; wsUrl: string; l2ChainId: string } | null;
  /** The explorer's URL. */
  explorer: string;
  nodes: {
    name: string;
    mode: DevnetNode["mode"];
    /** The node's configuration: `obscuro node --config` it to run the node by hand. */
    config: string;
    logFile: string;
    /** The node's host process (its enclave process is its child). */
    pid: number | null;
    rpcUrl: string;
    opsUrl: string;
    enclaveId: string;
    operator: string;
  }[];
}

/** The path of the devnet's readiness file in `stateDir`. */
export const devnetFileOf = (stateDir: string) => join(stateDir, "devnet.json");

/** Writes the readiness file: scripts and tests wait for it, then read the endpoints from it. */
export async function writeDevnetFile(
  stateDir: string,
  l1: DevnetFile["l1"],
  manifest: string,
  nodes: readonly DevnetNode[],
  gateway: DevnetGateway | undefined,
  explorer: string,
): Promise<void> {
  const file: DevnetFile = {
    pid: process.pid,
    l1,
    manifest,
    gateway: gateway
      ? {
          url: gateway.gateway.url,
          wsUrl: gateway.gateway.wsUrl,
          l2ChainId: gateway.gateway.network.l2ChainId.toString(),
        }
      : null,
    explorer,
    nodes: nodes.map((node) => ({
      name: node.name,
      mode: node.mode,
      config: join(node.dataDir, "config.json"),
      logFile: node.logFile,
      pid: node.child?.pid ?? null,
      rpcUrl: node.endpoints!.rpcUrl,
      opsUrl: node.endpoints!.opsUrl,
      enclaveId: node.endpoints!.enclaveId,
      operator: node.endpoints!.operator,
    })),
  };
  await writeFile(devnetFileOf(stateDir), JSON.stringify(file, null, 2) + "\n");
}

/** Removes the readiness file (the devnet is stopping). */
export async function removeDevnetFile(stateDir: string): Promise<void> {
  await rm(devnetFileOf(stateDir), { force: true });
}
