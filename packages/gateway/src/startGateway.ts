import { pino, type Logger } from "pino";
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from "./config.ts";
import { GatewayServer } from "./http/GatewayServer.ts";
import { GatewayMetrics } from "./metrics.ts";
import { NodeClient } from "./node/NodeClient.ts";
import { fetchVerifiedNetwork, type VerifiedNetwork } from "./node/network.ts";
import { Registration } from "./registration.ts";
import { HeadWatcher } from "./rpc/HeadWatcher.ts";
import { WalletRpc } from "./rpc/WalletRpc.ts";
import { loadOrCreateSecret, Sealer } from "./store/secret.ts";
import { UserStore } from "./store/UserStore.ts";

/** A running gateway. */
export interface Gateway {
  /** The HTTP base URL (`http://host:port`); JSON-RPC at `/v1/?token=…` (or `/` without a token). */
  url: string;
  /** The WebSocket base URL (`ws://host:port`); JSON-RPC and subscriptions at `/v1/?token=…`. */
  wsUrl: string;
  /** The network the gateway serves, as checked against L1. */
  network: VerifiedNetwork;
  metrics: GatewayMetrics;
  config: GatewayConfig;
  /** Stops serving (requests in flight finish first), closes the node connection and the database. */
  close: () => Promise<void>;
}

/**
 * Starts a gateway: reads the network from the node and checks it against L1 (nothing is
 * encrypted to a key L1 does not hold), opens the user database (viewing keys sealed with the
 * gateway secret, created 0600 on first start), and serves JSON-RPC over HTTP and WebSocket.
 * @throws {GatewayConfigError} for an invalid configuration.
 * @throws {NodeUnreachableError} / {NodeNotReadyError} when the node cannot serve the network.
 * @throws {NetworkMismatchError} when the node's network key is not L1's.
 * @throws {GatewaySecretError} when the secret file is unusable.
 */
export async function startGateway(input: GatewayConfigInput): Promise<Gateway> {
  const config = parseGatewayConfig(input);
  const logger: Logger =
    config.logger ??
    pino({ level: config.logLevel, base: { service: "gateway" } }, pino.destination({ fd: 2, sync: true }));
  const log = logger.child({ module: "gateway" });
  const metrics = new GatewayMetrics();
  const node = new NodeClient(config.nodeUrl, { timeoutMs: config.nodeTimeoutMs, metrics });
  const cleanup: (() => Promise<void> | void)[] = [() => node.close()];
  try {
    const network = await fetchVerifiedNetwork({
      node,
      l1RpcUrl: config.l1RpcUrl,
      networkManagement: config.networkManagement,
      readyTimeoutMs: config.nodeReadyTimeoutMs,
    });
    log.info(
      { l1ChainId: network.l1ChainId, l2ChainId: network.l2ChainId.toString(), networkKey: network.networkKey },
      "network key checked against L1",
    );
    const sealer = new Sealer(await loadOrCreateSecret(config.secretFile));
    const store = UserStore.open(config.databaseFile, sealer);
    cleanup.unshift(() => store.close());
    const heads = new HeadWatcher(node, { intervalMs: config.pollIntervalMs, logger });
    cleanup.unshift(() => heads.stop());
    const rpc = new WalletRpc({
      node,
      network,
      logger,
      metrics,
      heads,
      filterTimeoutMs: config.filterTimeoutMs,
      maxBlocksPerPoll: config.maxBlocksPerPoll,
    });
    cleanup.unshift(() => rpc.close());
    const registration = new Registration({ store, network, metrics, maxAccounts: config.maxAccountsPerToken });
    const server = await GatewayServer.listen({
      rpc,
      registration,
      store,
      network,
      metrics,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      host: config.host,
      port: config.port,
    });
    cleanup.unshift(() => server.close());
    const url = server.url;
    log.info({ url }, "gateway listening");
    let closing: Promise<void> | undefined;
    return {
      url,
      wsUrl: url.replace(/^http/, "ws"),
      network,
      metrics,
      config,
      close: () =>
        (closing ??= (async () => {
          log.info("gateway stopping");
          for (const step of cleanup) await step();
          log.info("gateway stopped");
        })()),
    };
  } catch (error) {
    for (const step of cleanup) await step();
    throw error;
  }
}
