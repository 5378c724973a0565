import { pino } from "pino";
import { startExplorer } from "@obscuro/explorer";
import { loadManifest } from "../../wallet/context.ts";
import { waitForShutdownSignal } from "../../util/signals.ts";

export interface ExplorerOptions {
  manifest?: string;
  l1Rpc?: string;
  nodeStatus: string[];
  port: number;
  host: string;
  logLevel: string;
}

export async function runExplorer(options: ExplorerOptions): Promise<void> {
  const manifest = await loadManifest(options);
  const explorer = await startExplorer({
    l1RpcUrl: options.l1Rpc ?? process.env.OBSCURO_L1_RPC ?? "http://127.0.0.1:8545",
    manifest,
    nodeStatusUrls: options.nodeStatus,
    host: options.host,
    port: options.port,
    logger: pino({ level: options.logLevel, base: { service: "explorer" } }, pino.destination({ fd: 2, sync: true })),
  });
  console.log(`Explorer at ${explorer.url}`);
  const signal = await waitForShutdownSignal();
  console.log(`Received ${signal}, stopping the explorer`);
  await explorer.close();
  console.log("Explorer stopped");
}
