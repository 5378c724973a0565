import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { createPublicClient, hexToBytes, bytesToHex, http, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { pino, type Logger } from "pino";
import {
  BaseError,
  defineObscuroL1Chain,
  getAllHostAddresses,
  L2_CHAIN_ID,
  parseDeploymentManifest,
  type DeploymentManifest,
} from "@obscuro/sdk";
import type { NodeConfig } from "./config.ts";
import { HostDatabase } from "./db/HostDatabase.ts";
import { EnclaveProcess } from "./enclave/EnclaveProcess.ts";
import { nodeAttestationVendor, nodeEnclaveConfig } from "./enclave/nodeEnclave.ts";
import { BlobFetcher } from "./l1/BlobFetcher.ts";
import { L1Follower, type FollowedL1Block } from "./l1/L1Follower.ts";
import { isRollupSuperseded } from "./l1/supersededRollup.ts";
import { L1Submitter } from "./l1/L1Submitter.ts";
import { ProtocolIntents, type ProtocolAddresses } from "./l1/protocolIntents.ts";
import { NodeMetrics } from "./metrics.ts";
import { OpsServer } from "./ops/OpsServer.ts";
import { GossipNetwork } from "./p2p/GossipNetwork.ts";
import type { ProcessedRollup } from "@obscuro/enclave/rpc";
import type { L1Head, NodeContext } from "./roles/context.ts";
import { Lottery } from "./roles/Lottery.ts";
import { Registration } from "./roles/Registration.ts";
import { SecretResponder } from "./roles/SecretResponder.ts";
import { Sequencer } from "./roles/Sequencer.ts";
import { ForkSlasher } from "./roles/ForkSlasher.ts";
import { Testimonies } from "./roles/Testimonies.ts";
import { NodeRpcServer } from "./rpc/NodeRpcServer.ts";
import { toFeed } from "./enclave/feed.ts";

/** The node could not start (a file, the enclave, a port…). */
export class NodeStartError extends BaseError {
  readonly code = "NODE_START_FAILED";
}

/** Where a running node can be reached, written to `<dataDir>/node.json` for tools. */
export interface NodeEndpoints {
  pid: number;
  mode: NodeConfig["mode"];
  enclaveId: Hex;
  operator: Hex;
  rpcUrl: string;
  opsUrl: string;
  p2p: string[];
}

/** How long one duty turn goes on replaying rollups that waited for the secret. */
const BACKLOG_TURN_MS = 30_000;

/** How long a user's transaction is gossiped again while no batch has carried it. */
const REGOSSIP_FOR_MS = 10 * 60_000;
/**
 * A user's transaction not yet included is gossiped again this long after its arrival, then after
 * twice as long each time (2, 4, 8… s): every copy costs each enclave a decryption before it is
 * known as a duplicate, so a backlog must not multiply the work that would clear it.
 */
const REGOSSIP_AFTER_MS = 2_000;

/** L1 blocks behind the head within which the node counts as caught up. */
const CAUGHT_UP_BLOCKS = 2n;

/**
 * An Obscuro node: the untrusted host around its enclave process. It follows L1 and feeds every
 * block to the enclave, which checks it; runs the registration flow, answers other nodes' secret
 * requests, and as an aggregator takes part in the lottery and publishes rollups; gossips
 * transactions, batches, tickets and testimonies; serves the wallet-facing RPC and the operations
 * endpoint. `stop()` (SIGTERM in the process) stops every part in order.
 */
export class ObscuroNode {
  readonly #context: NodeContext;
  readonly #enclaveProcess: EnclaveProcess;
  readonly #follower: L1Follower;
  readonly #registration: Registration;
  readonly #responder: SecretResponder;
  readonly #lottery: Lottery;
  readonly #sequencer: Sequencer;
  readonly #testimonies: Testimonies;
  readonly #forkSlasher: ForkSlasher;
  readonly #abort = new AbortController();
  #rpc: NodeRpcServer | undefined;
  #ops: OpsServer | undefined;
  #loops: Promise<unknown>[] = [];
  #l1Latest = 0n;
  /** Transactions users sent to this node, gossiped again until some sequencer included them. */
  readonly #outgoing = new Map<Hex, { encrypted: Hex; since: number; attempt: number }>();
  #dutyError: string | undefined;
  #stopped: Promise<void> | undefined;
  #onFatal: ((error: Error) => void) | undefined;

  private constructor(context: NodeContext, enclaveProcess: EnclaveProcess) {
    this.#context = context;
    this.#enclaveProcess = enclaveProcess;
    this.#registration = new Registration(context);
    this.#responder = new SecretResponder(context);
    this.#lottery = new Lottery(context);
    this.#sequencer = new Sequencer(context, this.#lottery);
    this.#testimonies = new Testimonies(context);
    this.#forkSlasher = new ForkSlasher({ ...context, fromBlock: context.manifest.deployBlock });
    const { contracts } = context;
    this.#follower = new L1Follower({
      client: context.client,
      db: context.db,
      blobs: new BlobFetcher({
        beaconUrl: context.config.l1.beaconUrl ?? context.config.l1.rpcUrl,
        db: context.db,
        logger: context.log,
        fallback: (versionedHash) => this.#blobFromPeers(versionedHash),
      }),
      logger: context.log,
      metrics: context.metrics,
      watch: [contracts.bridgeManagement, contracts.rollupManagement, contracts.networkManagement],
      rollupManagement: contracts.rollupManagement,
      startBlock: context.manifest.deployBlock,
      pollIntervalMs: context.config.l1.pollIntervalMs,
      onBlock: (block) => this.#feed(block),
      onReorg: async (ancestor) => {
        context.submitter.onReorg(ancestor.number);
      },
    });
  }

  /**
   * Starts a node from its configuration: the host database, the enclave process, the p2p
   * identity and gossip, the L1 submitter (reconciled with L1 first), the follower and the duties.
   * @throws {NodeStartError} when a file cannot be read or a part cannot start.
   */
  static async start(config: NodeConfig, logger?: Logger): Promise<ObscuroNode> {
    const log = logger ?? pino({ level: config.logLevel, base: { node: config.mode } });
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const manifest = await readManifest(config.manifest);
    const operatorKey = await readOperatorKey(config.operatorKeyFile);
    const account = privateKeyToAccount(operatorKey);
    const metrics = new NodeMetrics();
    const chain = defineObscuroL1Chain({
      manifest,
      chain: {
        id: manifest.chainId,
        name: `L1 ${manifest.chainId}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [config.l1.rpcUrl] } },
      },
      rpcUrl: config.l1.rpcUrl,
    });
    const client = createPublicClient({
      chain,
      transport: http(config.l1.rpcUrl, { retryCount: 2, timeout: 20_000 }),
      pollingInterval: config.l1.pollIntervalMs,
    }) as unknown as PublicClient;
    const contracts: ProtocolAddresses = {
      networkManagement: manifest.contracts.NetworkManagement,
      rollupManagement: manifest.contracts.RollupManagement,
      bridgeManagement: manifest.contracts.BridgeManagement,
      rollupSlashing: manifest.contracts.RollupSlashing,
      obscuroToken: manifest.contracts.ObscuroToken,
    };
    const db = HostDatabase.open(join(config.dataDir, "host.sqlite"));
    const vendor = nodeAttestationVendor(config, manifest) ?? noAttestationVendor();
    const trustedStart = await client.getBlock({ blockNumber: manifest.deployBlock });
    let enclaveProcess: EnclaveProcess;
    try {
      enclaveProcess = await EnclaveProcess.start({
        logger: log,
        config: nodeEnclaveConfig(config, manifest, { number: trustedStart.number, hash: trustedStart.hash }, vendor),
      });
    } catch (cause) {
      db.close();
      throw new NodeStartError("The enclave process did not start.", { cause });
    }
    const { enclaveId } = await enclaveProcess.client.call("getStatus", {});
    const gossip = await GossipNetwork.create({
      chainId: manifest.chainId,
      listen: [config.p2p.listen],
      privateKey: await loadPeerKey(join(config.dataDir, "p2p.key")),
      logger: log,
      metrics,
    });
    const submitter = new L1Submitter({
      db,
      account,
      client,
      chainId: manifest.chainId,
      logger: log,
      metrics,
      isSuperseded: (record) =>
        isRollupSuperseded(client, record, {
          rollupManagement: contracts.rollupManagement,
          fromBlock: manifest.deployBlock,
        }),
    });
    const context: NodeContext = {
      config,
      manifest,
      log: log.child({ enclaveId }),
      metrics,
      client,
      chainId: manifest.chainId,
      contracts,
      enclave: enclaveProcess.client,
      enclaveId,
      operator: account.address,
      db,
      submitter,
      intents: new ProtocolIntents(client, contracts, account.address),
      gossip,
    };
    const node = new ObscuroNode(context, enclaveProcess);
    await node.#begin();
    return node;
  }

  /** The node's endpoints (also in `<dataDir>/node.json`). */
  get endpoints(): NodeEndpoints {
    return {
      pid: process.pid,
      mode: this.#context.config.mode,
      enclaveId: this.#context.enclaveId,
      operator: this.#context.operator,
      rpcUrl: this.#rpc!.url,
      opsUrl: this.#ops!.url,
      p2p: this.#context.gossip.multiaddrs,
    };
  }

  /** Called once if a part the node cannot run without fails (the enclave process died). */
  onFatal(listener: (error: Error) => void): void {
    this.#onFatal = listener;
  }

  /** Stops every part in order; safe to call twice. */
  stop(): Promise<void> {
    this.#stopped ??= this.#shutdown();
    return this.#stopped;
  }

  async #begin(): Promise<void> {
    const { config, log, gossip, submitter, enclave } = this.#context;
    this.#enclaveProcess.onExit((code, signal) => {
      const error = new NodeStartError("The enclave process exited.", { details: `code ${code}, signal ${signal}` });
      log.error({ code, signal }, "enclave process died: stopping the node");
      this.#onFatal?.(error);
    });
    await submitter.reconcile();
    this.#subscribe();
    await gossip.handle(gossip.blobProtocol, async (request) => {
      const blob = this.#context.db.getBlob(bytesToHex(request));
      return blob ? blob.blob : new Uint8Array();
    });
    this.#rpc = await NodeRpcServer.listen({
      host: config.rpc.host,
      port: config.rpc.port,
      enclave,
      logger: log,
      describe: () => this.#describe(),
      onTransaction: (encrypted, hash) => {
        this.#outgoing.set(hash, { encrypted, since: Date.now(), attempt: 0 });
        void gossip.publish("tx", transactionGossip(encrypted, 0)).catch(() => undefined);
      },
    });
    this.#ops = await OpsServer.listen({
      host: config.ops.host,
      port: config.ops.port,
      logger: log,
      registry: this.#context.metrics.registry,
      health: async () => ({ ok: !this.#abort.signal.aborted && this.#enclaveProcess.pid !== undefined }),
      ready: () => this.#readiness(),
      status: () => this.status(),
    });
    this.#sequencer.start();
    this.#loops.push(this.#follower.run(this.#abort.signal), this.#dutyLoop(this.#abort.signal));
    await writeFile(join(config.dataDir, "node.json"), JSON.stringify(this.endpoints, null, 2) + "\n", {
      mode: 0o600,
    });
    log.info(this.endpoints, "node started");
  }

  /** The node at a glance: registration, L1 and L2 heads, the round. */
  async status() {
    const status = await this.#context.enclave.call("getStatus", {});
    return {
      ...this.endpoints,
      registration: this.#registration.state,
      expiresAt: this.#registration.record?.expiresAt ?? null,
      hasSecret: status.hasSecret,
      l1: { latest: this.#l1Latest, processed: this.#follower.head?.number ?? null },
      l2Head: status.l2Head,
      safe: status.safe,
      mempool: status.mempool,
      peers: this.#context.gossip.peers().length,
      sequencer: this.#context.config.mode === "aggregator" ? this.#sequencer.status : null,
      lastError: this.#dutyError ?? null,
    };
  }

  #subscribe(): void {
    const { gossip, enclave } = this.#context;
    gossip.on("tx", async (data) => {
      if (data.length <= 4) return "reject";
      const result = await enclave.call("submitTransaction", { encrypted: bytesToHex(data.subarray(0, -4)) });
      if (result.accepted) return "accept";
      return result.reason === "UNDECRYPTABLE" || result.reason === "MALFORMED_TRANSACTION" ? "reject" : "ignore";
    });
    gossip.on("batch", (data) => this.#sequencer.receiveBatch(data));
    gossip.on("ticket", (data) => this.#lottery.receive(data));
    gossip.on("testimony", (data) => this.#testimonies.receive(data));
  }

  /** One L1 block: fed to the enclave, which checks it; invalid rollups get this enclave's testimony. */
  async #feed(block: FollowedL1Block): Promise<void> {
    const { enclave, metrics } = this.#context;
    const result = await enclave.call("feedL1Block", toFeed(block));
    metrics.l1Head.set(Number(block.number));
    await this.#onProcessed(result.rollups);
  }

  /** Rollups the enclave processed: each invalid one is counted, logged and testified against. */
  async #onProcessed(rollups: readonly ProcessedRollup[]): Promise<void> {
    const { metrics, log } = this.#context;
    for (const rollup of rollups) {
      if (rollup.status !== "invalid") continue;
      const reason = rollup.reason ?? "UNKNOWN";
      metrics.invalidRollups.inc({ reason });
      log.warn({ rollupHash: rollup.rollupHash, reason }, "invalid rollup on L1");
      if (rollup.testimony) await this.#testimonies.testify(rollup.rollupHash, rollup.testimony);
    }
  }

  /**
   * A joiner's history: once the secret is in, the rollups that waited for it are replayed a few
   * seconds per enclave call (other calls run between), for up to {@link BACKLOG_TURN_MS} per duty
   * turn, until none waits.
   */
  async #replayBacklog(): Promise<void> {
    const { enclave, log } = this.#context;
    const until = Date.now() + BACKLOG_TURN_MS;
    for (;;) {
      const { rollups, pending } = await enclave.call("replayPending", {});
      await this.#onProcessed(rollups);
      if (rollups.length > 0) log.info({ replayed: rollups.length, pending }, "replaying the rollups that waited");
      if (pending === 0 || Date.now() > until) return;
    }
  }

  /**
   * Every poll interval once the follower is caught up: the submitter's bookkeeping, the
   * registration flow, then (active) the secret responder, peers, and the aggregator's round.
   * A failing duty is logged and retried on the next head, never fatal.
   */
  async #dutyLoop(signal: AbortSignal): Promise<void> {
    let lastHead = -1n;
    while (!signal.aborted) {
      try {
        const head = await this.#context.client.getBlock({ blockTag: "latest" });
        this.#l1Latest = head.number;
        const processed = this.#follower.head?.number ?? 0n;
        if (head.number !== lastHead && processed + CAUGHT_UP_BLOCKS >= head.number) {
          lastHead = head.number;
          await this.#duties({ number: head.number, hash: head.hash, timestamp: head.timestamp });
          this.#dutyError = undefined;
        }
      } catch (error) {
        this.#dutyError = (error as Error).message;
        this.#context.log.warn({ err: (error as Error).message }, "node duty failed; retrying on the next head");
      }
      await sleep(this.#context.config.l1.pollIntervalMs, signal);
    }
  }

  async #duties(head: L1Head): Promise<void> {
    const { submitter, config, enclave, metrics } = this.#context;
    await submitter.onHead(head.number);
    const state = await this.#registration.step(head);
    await this.#replayBacklog();
    const status = await enclave.call("getStatus", {});
    metrics.mempoolSize.set(status.mempool);
    metrics.l2Head.set(Number(status.l2Head.number));
    if (state !== "active") return;
    await this.#dialPeers();
    await this.#regossip();
    await this.#responder.step(head);
    await this.#testimonies.onHead(head);
    await this.#forkSlasher.onHead(head);
    if (config.mode !== "aggregator") return;
    const hostAddress = this.#context.gossip.multiaddrs[0];
    if (!hostAddress) return;
    if (!(await this.#sequencer.ensureStaked(hostAddress))) return;
    await this.#sequencer.onHead(head);
  }

  async #dialPeers(): Promise<void> {
    const { gossip, config, client, contracts } = this.#context;
    if (gossip.peers().length >= 8) return;
    const hosts = await getAllHostAddresses(client, { networkManagementAddress: contracts.networkManagement });
    await gossip.dial([...config.p2p.bootstrap, ...hosts.map((h) => h.hostAddress)]);
  }

  /**
   * Gossip is fire-and-forget: a transaction published while this node had no mesh peers (just
   * started, or the sequencer just restarted) reaches nobody. Until the enclave sees it included
   * (it leaves the mempool when a batch carries it), it is published again on each head, with a
   * new attempt number (gossipsub drops a message whose bytes it has seen); enclaves that already
   * have the transaction ignore the copy.
   */
  async #regossip(): Promise<void> {
    if (this.#outgoing.size === 0) return;
    const { enclave, gossip } = this.#context;
    const { pending } = await enclave.call("pendingTransactions", { hashes: [...this.#outgoing.keys()] });
    const still = new Set(pending);
    const now = Date.now();
    for (const [hash, entry] of this.#outgoing) {
      if (!still.has(hash) || now - entry.since > REGOSSIP_FOR_MS) this.#outgoing.delete(hash);
      else if (now - entry.since >= REGOSSIP_AFTER_MS * 2 ** entry.attempt)
        await gossip.publish("tx", transactionGossip(entry.encrypted, ++entry.attempt)).catch(() => 0);
    }
  }

  async #blobFromPeers(versionedHash: Hex): Promise<Uint8Array | undefined> {
    const { gossip } = this.#context;
    for (const peer of gossip.peers()) {
      const blob = await gossip.request(peer, gossip.blobProtocol, hexToBytes(versionedHash)).catch(() => undefined);
      if (blob && blob.length > 0) return blob;
    }
    return undefined;
  }

  async #describe() {
    const status = await this.#context.enclave.call("getStatus", {});
    if (!status.networkKey || !status.networkPublicKey) return undefined;
    return {
      l1ChainId: this.#context.chainId,
      l2ChainId: L2_CHAIN_ID,
      networkKey: status.networkKey,
      networkPublicKey: status.networkPublicKey,
      contracts: { ...this.#context.manifest.contracts },
    };
  }

  async #readiness(): Promise<{ ok: boolean; reason?: string }> {
    if (this.#registration.state !== "active")
      return { ok: false, reason: `registration: ${this.#registration.state}` };
    const processed = this.#follower.head?.number ?? 0n;
    if (processed + CAUGHT_UP_BLOCKS < this.#l1Latest)
      return { ok: false, reason: `following L1: block ${processed} of ${this.#l1Latest}` };
    if (this.#context.config.mode === "aggregator" && !this.#sequencer.status.staked)
      return {
        ok: false,
        reason: this.#context.config.sequencing.autoStake
          ? "staking as an aggregator"
          : "waiting for the operator to stake (obscuro aggregator stake)",
      };
    return { ok: true };
  }

  async #shutdown(): Promise<void> {
    const { log, gossip, db } = this.#context;
    log.info("stopping the node");
    this.#abort.abort();
    await this.#sequencer.stop();
    await Promise.allSettled(this.#loops);
    await this.#rpc?.close();
    await this.#ops?.close();
    await gossip.stop();
    await this.#enclaveProcess.stop();
    db.close();
    log.info("node stopped");
  }
}

/** A transaction's gossip message: the ciphertext, then a 4-byte attempt number (so a re-send is a new message). */
function transactionGossip(encrypted: Hex, attempt: number): Uint8Array {
  const ciphertext = hexToBytes(encrypted);
  const message = new Uint8Array(ciphertext.length + 4);
  message.set(ciphertext);
  new DataView(message.buffer).setUint32(ciphertext.length, attempt);
  return message;
}

async function readManifest(path: string): Promise<DeploymentManifest> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw new NodeStartError(`Cannot read the deployment manifest ${path}.`, { cause });
  }
  return parseDeploymentManifest(raw, path);
}

async function readOperatorKey(path: string): Promise<Hex> {
  let text: string;
  try {
    text = (await readFile(path, "utf8")).trim();
  } catch (cause) {
    throw new NodeStartError(`Cannot read the operator key file ${path}.`, { cause });
  }
  const key = (text.startsWith("0x") ? text : `0x${text}`) as Hex;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new NodeStartError(`The operator key file ${path} does not hold a 32-byte hex private key.`);
  privateKeyToAddress(key);
  return key;
}

/** The libp2p identity, kept so that the host address published on L1 stays valid across restarts. */
async function loadPeerKey(path: string): Promise<PrivateKey> {
  try {
    return privateKeyFromProtobuf(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = await generateKeyPair("Ed25519");
  await writeFile(path, privateKeyToProtobuf(key), { mode: 0o600 });
  return key;
}

function noAttestationVendor(): never {
  throw new NodeStartError(
    "The manifest names no dev attestation vendor; set attestation.vendor in the node's configuration.",
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}
