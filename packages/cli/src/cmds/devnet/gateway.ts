import { join } from "node:path";
import type { Gateway } from "@obscuro/gateway";
import type { DeploymentManifest } from "@obscuro/sdk";
import { pino } from "pino";
import { bold, dim, done, step } from "../../util/output.ts";
import type { DevnetNode } from "./nodes.ts";

/** The devnet's gateway: in this process, in front of the first node, its log in `<stateDir>/gateway/gateway.log`. */
export interface DevnetGateway {
  gateway: Gateway;
  logFile: string;
}

/**
 * Starts a gateway (the wallets' endpoint) in front of the first node: it checks the node's
 * network key against L1 first, then serves on `port` (0: any free port).
 */
export async function startDevnetGateway(parameters: {
  stateDir: string;
  l1RpcUrl: string;
  manifest: DeploymentManifest;
  node: DevnetNode;
  host: string;
  port: number;
}): Promise<DevnetGateway> {
  const dataDir = join(parameters.stateDir, "gateway");
  const logFile = join(dataDir, "gateway.log");
  step(`Starting the gateway in front of ${parameters.node.name}`);
  const { startGateway } = await import("@obscuro/gateway");
  const gateway = await startGateway({
    nodeUrl: parameters.node.endpoints!.rpcUrl,
    l1RpcUrl: parameters.l1RpcUrl,
    networkManagement: parameters.manifest.contracts.NetworkManagement,
    host: parameters.host,
    port: parameters.port,
    dataDir,
    nodeReadyTimeoutMs: 60_000,
    logger: pino({ level: "info", base: { service: "gateway" } }, pino.destination({ dest: logFile, mkdir: true })),
  });
  done(`gateway ready: ${gateway.url}`);
  return { gateway, logFile };
}

/** Stops the devnet's gateway (its connections closed, its database flushed). */
export async function stopDevnetGateway({ gateway }: DevnetGateway): Promise<void> {
  await gateway.close();
  done("gateway stopped");
}

/** The summary lines: where wallets connect, and how. */
export function printGateway({ gateway, logFile }: DevnetGateway): void {
  const chainId = gateway.network.l2ChainId;
  console.log(
    `\n${bold("Gateway")}` + dim(" (the wallets' endpoint: it encrypts to the network and keeps viewing keys)"),
  );
  console.log(`  URL        ${gateway.url}  ${dim(`(WebSocket ${gateway.wsUrl}; log ${logFile})`)}`);
  console.log(`  chain id   ${chainId}`);
  console.log(
    dim(
      `  Connect a wallet: \`curl -X POST ${gateway.url}/v1/join\` gives a token; add a network with the RPC URL\n` +
        `  ${gateway.url}/v1/?token=<token> and chain id ${chainId}, then authorise the account (/v1/authenticate),\n` +
        `  or let the CLI do both: \`obscuro gateway register --gateway ${gateway.url} --keystore FILE\`.`,
    ),
  );
}
