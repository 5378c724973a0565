import { pino, type Logger } from "pino";
import { createPublicClient, http } from "viem";
import { defineObscuroL1Chain, publicActionsObscuroL1, type DeploymentManifest } from "@obscuro/sdk";
import { ExplorerConfigError } from "./errors.ts";
import { ExplorerServer } from "./http/ExplorerServer.ts";
import { L1Reader } from "./l1/L1Reader.ts";
import { NodeStatusReader } from "./nodes/NodeStatusReader.ts";

export interface StartExplorerParameters {
  /** L1's JSON-RPC endpoint. */
  l1RpcUrl: string;
  /** The deployment the explorer shows (`readDeploymentManifest`). */
  manifest: DeploymentManifest;
  /** The nodes' ops endpoints (`http://host:port`, or their `/status` URL), for their L2 heads. */
  nodeStatusUrls?: readonly string[] | undefined;
  /** Interface to bind (default 127.0.0.1). */
  host?: string | undefined;
  /** Port (default 4000; 0: any free port). */
  port?: number | undefined;
  logger?: Logger | undefined;
  /** Milliseconds the L1 head is reused (default 1000): at most one `eth_getBlockByNumber` per interval. */
  headTtlMs?: number | undefined;
  /** Milliseconds between polls of the rollup watcher (default 1000). */
  pollingIntervalMs?: number | undefined;
  /** Rollups shown below the canonical head in the tree (default 48). */
  treeDepth?: number | undefined;
}

/** A running explorer. */
export interface Explorer {
  /** The page (and `/api/…`), `http://host:port`. */
  url: string;
  /** Stops serving and watching (requests in flight finish first). */
  close: () => Promise<void>;
}

/**
 * Starts the explorer: a web page and a JSON API over L1 (read through the SDK's public actions,
 * cached per L1 block) and the nodes' public `/status`. It needs no L1 to start: while L1 is
 * unreachable the API answers 503 `L1_UNAVAILABLE` and the page shows a banner.
 * @throws {ExplorerConfigError} for an unusable URL or port.
 * @example
 * const explorer = await startExplorer({ l1RpcUrl: "http://127.0.0.1:8545", manifest, port: 4000 });
 */
export async function startExplorer(parameters: StartExplorerParameters): Promise<Explorer> {
  const port = parameters.port ?? 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ExplorerConfigError("Not a TCP port.", String(port));
  checkHttpUrl(parameters.l1RpcUrl, "L1 RPC");
  for (const url of parameters.nodeStatusUrls ?? []) checkHttpUrl(url, "node status");
  const logger =
    parameters.logger ??
    pino({ level: "info", base: { service: "explorer" } }, pino.destination({ fd: 2, sync: true }));
  const log = logger.child({ module: "explorer" });
  const chain = defineObscuroL1Chain({ manifest: parameters.manifest, rpcUrl: parameters.l1RpcUrl });
  const client = createPublicClient({
    chain,
    transport: http(parameters.l1RpcUrl, { timeout: 10_000, retryCount: 0 }),
    pollingInterval: parameters.pollingIntervalMs ?? 1_000,
  }).extend(publicActionsObscuroL1());
  const l1 = new L1Reader({
    client: client as never,
    manifest: parameters.manifest,
    logger: log,
    headTtlMs: parameters.headTtlMs ?? 1_000,
    pollingIntervalMs: parameters.pollingIntervalMs ?? 1_000,
    treeDepth: parameters.treeDepth ?? 48,
  });
  const nodes = new NodeStatusReader({ urls: parameters.nodeStatusUrls ?? [], timeoutMs: 2_000, ttlMs: 1_000 });
  const server = await ExplorerServer.listen({
    host: parameters.host ?? "127.0.0.1",
    port,
    l1,
    nodes,
    logger: log,
    title: `chain ${parameters.manifest.chainId}`,
  });
  l1.start();
  log.info({ url: server.url, l1: redactUrl(parameters.l1RpcUrl), nodes: nodes.count }, "explorer listening");
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    close: () =>
      (closing ??= (async () => {
        log.info("explorer stopping");
        l1.stop();
        await server.close();
        log.info("explorer stopped");
      })()),
  };
}

function checkHttpUrl(url: string, what: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ExplorerConfigError(`The ${what} URL is not a URL.`, url);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new ExplorerConfigError(`The ${what} URL must be http(s).`, redactUrl(url));
}

/** A URL's origin alone: RPC URLs often carry an API key in their path, query or credentials. */
function redactUrl(url: string): string {
  return new URL(url).origin;
}
