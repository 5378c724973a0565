import { join } from "node:path";
import { pino } from "pino";
import { startExplorer, type Explorer } from "@obscuro/explorer";
import type { DeploymentManifest } from "@obscuro/sdk";
import { done, step } from "../../util/output.ts";
import type { DevnetNode } from "./nodes.ts";

export interface StartDevnetExplorerParameters {
  rpcUrl: string;
  manifest: DeploymentManifest;
  nodes: readonly DevnetNode[];
  stateDir: string;
  host: string;
  /**
   * L1's port: the explorer serves on `basePort - 4545` (4000 for anvil on 8545), or
   * `basePort + 1455` when that would be below 1024; 0: any free port.
   */
  basePort: number;
}

/** Starts the devnet's explorer over its L1 and its nodes' ops endpoints; its log goes to `<stateDir>/explorer.log`. */
export async function startDevnetExplorer(parameters: StartDevnetExplorerParameters): Promise<Explorer> {
  step("Starting the explorer");
  const logFile = join(parameters.stateDir, "explorer.log");
  const explorer = await startExplorer({
    l1RpcUrl: parameters.rpcUrl,
    manifest: parameters.manifest,
    nodeStatusUrls: parameters.nodes.flatMap((node) => (node.endpoints ? [node.endpoints.opsUrl] : [])),
    host: parameters.host,
    port: explorerPort(parameters.basePort),
    logger: pino({ level: "info", base: { service: "explorer" } }, pino.destination({ dest: logFile, sync: true })),
  });
  done(`explorer at ${explorer.url}`);
  return {
    url: explorer.url,
    close: async () => {
      await explorer.close();
      done("explorer stopped");
    },
  };
}

function explorerPort(basePort: number): number {
  if (basePort === 0) return 0;
  return basePort - 4545 >= 1024 ? basePort - 4545 : basePort + 1455;
}
