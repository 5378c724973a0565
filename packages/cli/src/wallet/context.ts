import { readFile } from "node:fs/promises";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  webSocket,
  type Address,
  type Chain,
  type LocalAccount,
  type PublicClient,
} from "viem";
import {
  defineObscuroL1Chain,
  parseDeploymentManifest,
  publicActionsObscuroL1,
  walletActionsObscuroL1,
  type DeploymentManifest,
} from "@obscuro/sdk";
import { UserError } from "./errors.ts";
import { loadAccount, type KeyOptions } from "./keys.ts";

/** The options every wallet command shares. */
export interface WalletOptions extends KeyOptions {
  manifest?: string | undefined;
  l1Rpc?: string | undefined;
  gateway?: string | undefined;
  json?: boolean | undefined;
  /** Seconds a command waits at most. */
  timeout?: number | undefined;
}

/** How often L1 is asked for new blocks while waiting, ms (OBSCURO_POLL_INTERVAL_MS overrides). */
export function pollInterval(): number {
  const value = Number(process.env.OBSCURO_POLL_INTERVAL_MS);
  return Number.isFinite(value) && value > 0 ? value : 1000;
}

/** The deployment manifest, from `--manifest` or OBSCURO_MANIFEST. */
export async function loadManifest(options: WalletOptions): Promise<DeploymentManifest> {
  const path = options.manifest ?? process.env.OBSCURO_MANIFEST;
  if (!path)
    throw new UserError(
      "No deployment manifest: use --manifest deployments/<chainId>.json (or OBSCURO_MANIFEST).",
      "NO_MANIFEST",
    );
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch {
    throw new UserError(`The deployment manifest ${path} cannot be read.`, "NO_MANIFEST");
  }
  return parseDeploymentManifest(raw, path);
}

/** L1: the manifest's chain at `--l1-rpc`, checked to be that chain; with the account when one is needed. */
export async function openL1(options: WalletOptions, account?: LocalAccount) {
  const manifest = await loadManifest(options);
  const rpcUrl = options.l1Rpc ?? process.env.OBSCURO_L1_RPC ?? "http://127.0.0.1:8545";
  const chain = defineObscuroL1Chain({ manifest, rpcUrl });
  const transport = http(rpcUrl, { retryCount: 1 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: pollInterval() }).extend(
    publicActionsObscuroL1(),
  );
  let chainId: number;
  try {
    chainId = await publicClient.getChainId();
  } catch {
    throw new UserError(`The L1 endpoint ${new URL(rpcUrl).origin} cannot be reached.`, "L1_UNREACHABLE");
  }
  if (chainId !== manifest.chainId) {
    throw new UserError(
      `Wrong network: the L1 endpoint is chain ${chainId}, but the deployment manifest is for chain ${manifest.chainId}.`,
      "WRONG_NETWORK",
    );
  }
  const wallet = account
    ? createWalletClient({ account, chain, transport, pollingInterval: pollInterval() }).extend(
        walletActionsObscuroL1(),
      )
    : undefined;
  /**
   * Calls `notify` on each new L1 block after the one current when it resolves (asked every
   * `pollInterval()` ms); resolves with the function that stops.
   */
  const onBlock = async (notify: () => void) => {
    let last = await publicClient.getBlockNumber({ cacheTime: 0 });
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      publicClient
        .getBlockNumber({ cacheTime: 0 })
        .then((number) => {
          if (number !== last) {
            last = number;
            notify();
          }
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, pollInterval());
    return () => clearInterval(timer);
  };
  return { manifest, chain, publicClient, wallet, onBlock, rpcUrl };
}

export type L1 = Awaited<ReturnType<typeof openL1>>;

/** What `obscuro_getNetwork` says, as the gateway checked it against L1. */
interface GatewayNetwork {
  l1ChainId: number;
  l2ChainId: string;
  contracts: Record<string, Address>;
}

/**
 * L2 through the user's gateway (`--gateway <token URL>` or OBSCURO_GATEWAY): checked to serve the
 * manifest's network and to have authorised `account`.
 */
export async function openL2(options: WalletOptions, manifest: DeploymentManifest, account: Address) {
  const url = options.gateway ?? process.env.OBSCURO_GATEWAY;
  if (!url)
    throw new UserError(
      "No gateway: use --gateway <token URL> (OBSCURO_GATEWAY); `obscuro gateway register` gives one.",
      "NO_GATEWAY",
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`The gateway URL ${url} is not a URL.`, "NO_GATEWAY");
  }
  const token = parsed.searchParams.get("token");
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (!token)
    throw new UserError(
      `Gateway not authorised: ${origin} was given without a token; \`obscuro gateway register\` gives a token URL for ${account}.`,
      "GATEWAY_NOT_AUTHORISED",
    );
  const bootstrap = createPublicClient({ transport: http(url, { retryCount: 0 }) });
  let network: GatewayNetwork;
  try {
    network = (await bootstrap.request({ method: "obscuro_getNetwork" as never })) as GatewayNetwork;
  } catch {
    throw new UserError(`The gateway at ${origin} cannot be reached.`, "GATEWAY_UNREACHABLE");
  }
  if (
    network.l1ChainId !== manifest.chainId ||
    getAddress(network.contracts.BridgeManagement ?? "0x0000000000000000000000000000000000000000") !==
      manifest.contracts.BridgeManagement
  ) {
    throw new UserError(
      `Wrong network: the gateway serves a network on L1 chain ${network.l1ChainId} with another bridge than the deployment manifest's.`,
      "WRONG_NETWORK",
    );
  }
  const query = await fetch(`${origin}/v1/query?token=${token}&a=${account}`).catch(() => undefined);
  const authorised = query?.ok ? ((await query.json()) as { status?: boolean }).status === true : false;
  if (!authorised)
    throw new UserError(
      `Gateway not authorised: the gateway's token has no viewing key of ${account}; run \`obscuro gateway register\` with this key.`,
      "GATEWAY_NOT_AUTHORISED",
    );
  const chain: Chain = defineChain({
    id: Number(BigInt(network.l2ChainId)),
    name: "Obscuro L2",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url], webSocket: [url.replace(/^http/, "ws")] } },
  });
  const publicClient = createPublicClient({
    chain,
    transport: http(url, { retryCount: 1 }),
    pollingInterval: 500,
  }) as PublicClient;
  const walletFor = (signer: LocalAccount) =>
    createWalletClient({ account: signer, chain, transport: http(url, { retryCount: 1 }) });
  const ws = webSocket(url.replace(/^http/, "ws"), { retryCount: 1 })({ chain });
  let opened = false;
  /**
   * Calls `notify` on each new L2 block: a `newHeads` subscription over the gateway's WebSocket,
   * in place when it resolves; resolves with the function that stops.
   */
  const onBlock = async (notify: () => void) => {
    opened = true;
    const { unsubscribe } = await ws.value!.subscribe({
      params: ["newHeads"],
      onData: () => notify(),
      onError: () => undefined,
    });
    return () => void unsubscribe().catch(() => undefined);
  };
  const close = async () => {
    if (opened) (await ws.value!.getRpcClient()).close();
  };
  return { url, origin, token, network, chain, publicClient, walletFor, onBlock, close };
}

export type L2 = Awaited<ReturnType<typeof openL2>>;

/** The signing account of a command (keystore or key file). */
export async function openAccount(options: WalletOptions): Promise<LocalAccount> {
  return loadAccount(options);
}
