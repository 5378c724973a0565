import { homedir } from "node:os";
import { join } from "node:path";
import { registerAccount, startGateway } from "@obscuro/gateway";
import { loadManifest, openAccount, type WalletOptions } from "../../wallet/context.ts";
import { UserError } from "../../wallet/errors.ts";
import { printResult } from "../../util/progress.ts";
import { waitForShutdownSignal } from "../../util/signals.ts";

export interface GatewayOptions {
  node?: string;
  port: number;
  host: string;
  manifest?: string;
  l1Rpc?: string;
  dataDir?: string;
  logLevel: string;
  pollInterval: number;
}

export async function runGateway(options: GatewayOptions): Promise<void> {
  const nodeUrl = options.node ?? process.env.OBSCURO_NODE;
  if (!nodeUrl) throw new UserError("No node: use --node <url> (or OBSCURO_NODE).", "NO_NODE");
  const manifest = await loadManifest(options);
  const gateway = await startGateway({
    nodeUrl,
    l1RpcUrl: options.l1Rpc ?? process.env.OBSCURO_L1_RPC ?? "http://127.0.0.1:8545",
    networkManagement: manifest.contracts.NetworkManagement,
    host: options.host,
    port: options.port,
    dataDir: options.dataDir ?? join(homedir(), ".obscuro", "gateway"),
    logLevel: options.logLevel as "info",
    pollIntervalMs: options.pollInterval,
    nodeReadyTimeoutMs: 60_000,
  });
  console.log(
    `Gateway listening at ${gateway.url} (WebSocket ${gateway.wsUrl}) for L2 chain ${gateway.network.l2ChainId}.`,
  );
  console.log(`Register an account: obscuro gateway register --gateway ${gateway.url} --keystore <file>`);
  const signal = await waitForShutdownSignal();
  console.log(`Received ${signal}, stopping the gateway`);
  await gateway.close();
  console.log("Gateway stopped");
}

export async function runRegister(options: WalletOptions): Promise<void> {
  const gatewayUrl = options.gateway ?? process.env.OBSCURO_GATEWAY;
  if (!gatewayUrl) throw new UserError("No gateway: use --gateway <url> (or OBSCURO_GATEWAY).", "NO_GATEWAY");
  const account = await openAccount(options);
  const { url, wsUrl, token } = await registerAccount({ gatewayUrl, account });
  printResult(options.json ?? false, { account: account.address, token, url, wsUrl }, [
    `${account.address} is authenticated with the gateway.`,
    `Token URL (use it as --gateway, or as the RPC URL of your wallet): ${url}`,
  ]);
}
