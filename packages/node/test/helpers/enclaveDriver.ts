import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEther, type Address, type Hex, type PublicClient } from "viem";
import { pino, type Logger } from "pino";
import { privateKeyToAddress } from "viem/accounts";
import type { z } from "zod";
import type { enclaveProtocol } from "@obscuro/enclave/rpc";
import { DEV_ATTESTATION_VENDOR_PRIVATE_KEY, type DevL1 } from "@obscuro/sdk/devtools";
import { HostDatabase } from "../../src/db/HostDatabase.ts";
import { EnclaveProcess } from "../../src/enclave/EnclaveProcess.ts";
import { BlobFetcher } from "../../src/l1/BlobFetcher.ts";
import { L1Follower, type FollowedL1Block } from "../../src/l1/L1Follower.ts";
import { NodeRpcServer } from "../../src/rpc/NodeRpcServer.ts";
import { toFeed } from "../../src/enclave/feed.ts";

type FeedResult = z.output<(typeof enclaveProtocol)["feedL1Block"]["result"]>;
type Wallet = ReturnType<DevL1["wallet"]>;

/**
 * The small driver of issue 13's tests: an enclave process and the host's L1 follower feeding it
 * every L1 block, with the L1 calls a host makes for it. The node (packages/node) is the real host;
 * this is the least of it that drives an enclave through the protocol's flows.
 */
export class EnclaveDriver {
  readonly enclave: EnclaveProcess;
  readonly operator: Wallet;
  readonly db: HostDatabase;
  readonly follower: L1Follower;
  readonly results: FeedResult[] = [];
  readonly #l1: DevL1;

  private constructor(l1: DevL1, enclave: EnclaveProcess, operator: Wallet, db: HostDatabase, logger: Logger) {
    this.#l1 = l1;
    this.enclave = enclave;
    this.operator = operator;
    this.db = db;
    this.follower = followL1(l1, db, logger, l1.manifest.deployBlock, async (block) => {
      this.results.push(await this.enclave.client.call("feedL1Block", toFeed(block)));
    });
  }

  /** Starts an enclave in a fresh directory (or `dataDir`), operated by `operator`. */
  static async start(
    l1: DevL1,
    operator: Wallet,
    options: { dataDir?: string; logLevel?: string } = {},
  ): Promise<EnclaveDriver> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "obscuro-enclave-")));
    const logger = pino({ level: options.logLevel ?? process.env.LOG_LEVEL ?? "silent" });
    const { contracts } = l1.manifest;
    const deployBlock = await l1.publicClient.getBlock({ blockNumber: l1.manifest.deployBlock });
    const enclave = await EnclaveProcess.start({
      logger,
      config: {
        dataDir,
        l1ChainId: l1.anvil.chainId,
        contracts: {
          networkManagement: contracts.NetworkManagement,
          rollupManagement: contracts.RollupManagement,
          bridgeManagement: contracts.BridgeManagement,
          rollupSlashing: contracts.RollupSlashing,
        },
        trustedStart: { number: deployBlock.number, hash: deployBlock.hash },
        attestation: { kind: "dev", vendor: privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY) },
        logLevel: (options.logLevel ?? process.env.LOG_LEVEL ?? "warn") as "warn",
      },
    });
    return new EnclaveDriver(l1, enclave, operator, HostDatabase.open(join(dataDir, "host.sqlite")), logger);
  }

  get rpc() {
    return this.enclave.client;
  }

  /** Feeds the enclave every L1 block up to the head; returns what each did. */
  async sync(): Promise<FeedResult[]> {
    const from = this.results.length;
    for (let i = 0; i < 10_000 && (await this.follower.step()); i++);
    return this.results.slice(from);
  }

  /** Registers the enclave on L1 with a fresh report bound to the operator and the latest block. */
  async register(): Promise<Address> {
    const block = await this.#l1.publicClient.getBlock();
    const { report } = await this.rpc.call("attest", {
      operator: this.operator.account.address,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
    });
    await this.#l1.mined(this.operator.registerNode({ report, l1BlockNumber: block.number }));
    return (await this.rpc.call("getStatus", {})).enclaveId;
  }

  /** Genesis: the enclave draws the secret and the operator founds the network. */
  async found(): Promise<void> {
    const prepared = await this.rpc.call("createNetwork", {});
    await this.#l1.mined(this.operator.initializeNetwork(prepared));
  }

  /** Stakes `amount` OBX (sent by the treasury first) and publishes a host address. */
  async stake(treasury: Wallet, amount = parseEther("10000")): Promise<void> {
    const enclaveId = (await this.rpc.call("getStatus", {})).enclaveId;
    await this.#l1.mined(
      treasury.writeContract({
        address: this.#l1.manifest.contracts.ObscuroToken,
        abi: [
          {
            type: "function",
            name: "transfer",
            inputs: [{ type: "address" }, { type: "uint256" }],
            outputs: [{ type: "bool" }],
            stateMutability: "nonpayable",
          },
        ],
        functionName: "transfer",
        args: [this.operator.account.address, amount],
      }),
    );
    await this.#l1.mined(
      this.operator.registerAggregator({
        enclaveId,
        hostAddress: `/ip4/127.0.0.1/tcp/${30303 + Math.floor(Math.random() * 1000)}`,
        amount,
      }),
    );
  }

  /** Answers the secret request of `requester` (another driver), as a responder's host does. */
  async respondTo(requester: EnclaveDriver): Promise<void> {
    const { enclaveId, publicKey } = await requester.rpc.call("getStatus", {});
    await this.respondToRequest(enclaveId, publicKey);
  }

  /** Answers the secret request of the enclave `enclaveId` (its key as its registration gave it). */
  async respondToRequest(enclaveId: Address, publicKey: Hex): Promise<void> {
    const requests = await this.#l1.publicClient.getSecretRequests();
    const request = requests.find((r) => r.enclaveId === enclaveId);
    if (!request) throw new Error(`no pending secret request of ${enclaveId}`);
    const registration = await this.#registrationOf(enclaveId);
    const response = await this.rpc.call("respondToSecretRequest", {
      requesterPublicKey: publicKey,
      report: registration.report,
      operator: request.operator,
      l1BlockNumber: registration.l1BlockNumber,
      l1BlockHash: registration.l1BlockHash,
    });
    await this.#l1.mined(this.operator.respondSecret(response));
  }

  /** After a response landed: the enclave takes its ciphertext from L1 (checked against the network key it saw). */
  async receiveSecret(): Promise<void> {
    const enclaveId = (await this.rpc.call("getStatus", {})).enclaveId;
    const encryptedSecret = await this.#l1.publicClient.getEncryptedSecret({ enclaveId });
    if (!encryptedSecret) throw new Error("no encrypted secret on L1 yet");
    await this.rpc.call("installSecret", { encryptedSecret });
  }

  #rpcServer: NodeRpcServer | undefined;

  /** Serves the node's wallet-facing JSON-RPC for this enclave (what a gateway talks to); returns its URL. */
  async serveRpc(logger = pino({ level: "silent" })): Promise<string> {
    const { contracts } = this.#l1.manifest;
    this.#rpcServer = await NodeRpcServer.listen({
      host: "127.0.0.1",
      port: 0,
      enclave: this.rpc,
      logger,
      describe: async () => {
        const status = await this.rpc.call("getStatus", {});
        if (!status.networkKey || !status.networkPublicKey) return undefined;
        return {
          l1ChainId: this.#l1.anvil.chainId,
          l2ChainId: 443n,
          networkKey: status.networkKey,
          networkPublicKey: status.networkPublicKey,
          contracts: { ...contracts },
        };
      },
    });
    return this.#rpcServer.url;
  }

  async stop(): Promise<void> {
    await this.#rpcServer?.close();
    await this.enclave.stop();
    this.db.close();
  }

  /** The report and binding a node registered with, from its `registerNode` transaction. */
  async #registrationOf(enclaveId: Address): Promise<{ report: Hex; l1BlockNumber: bigint; l1BlockHash: Hex }> {
    const logs = await this.#l1.publicClient.getContractEvents({
      address: this.#l1.manifest.contracts.NetworkManagement,
      abi: [
        {
          type: "event",
          name: "SecretRequested",
          inputs: [
            { name: "enclaveId", type: "address", indexed: true },
            { name: "operator", type: "address", indexed: true },
            { name: "enclavePublicKey", type: "bytes", indexed: false },
            { name: "measurement", type: "bytes32", indexed: false },
            { name: "fee", type: "uint256", indexed: false },
            { name: "expiresAt", type: "uint256", indexed: false },
          ],
        },
      ],
      eventName: "SecretRequested",
      args: { enclaveId },
      fromBlock: this.#l1.manifest.deployBlock,
    });
    const log = logs.at(-1);
    if (!log) throw new Error(`no registration of ${enclaveId}`);
    const transaction = await this.#l1.publicClient.getTransaction({ hash: log.transactionHash });
    const { decodeFunctionData } = await import("viem");
    const { networkManagementAbi } = await import("@obscuro/sdk");
    const { args } = decodeFunctionData({ abi: networkManagementAbi, data: transaction.input });
    const [report, l1BlockNumber] = args as unknown as [Hex, bigint];
    const block = await this.#l1.publicClient.getBlock({ blockNumber: l1BlockNumber });
    return { report, l1BlockNumber, l1BlockHash: block.hash };
  }
}

export { toFeed };

/**
 * The L1 blocks from `from` to the head as the host's follower collects them, without feeding
 * them to any enclave: a test alters them first to play a cheating host.
 */
export async function collectL1Blocks(l1: DevL1, from: bigint): Promise<FollowedL1Block[]> {
  const db = HostDatabase.open(":memory:");
  const blocks: FollowedL1Block[] = [];
  const follower = followL1(l1, db, pino({ level: "silent" }), from, async (block) => {
    blocks.push(block);
  });
  try {
    for (let i = 0; i < 10_000 && (await follower.step()); i++);
  } finally {
    db.close();
  }
  return blocks;
}

/** The host's L1 follower over the protocol's contracts from `startBlock`, handing each block to `onBlock`. */
function followL1(
  l1: DevL1,
  db: HostDatabase,
  logger: Logger,
  startBlock: bigint,
  onBlock: (block: FollowedL1Block) => Promise<void>,
): L1Follower {
  const { contracts } = l1.manifest;
  return new L1Follower({
    client: l1.publicClient as unknown as PublicClient,
    db,
    blobs: new BlobFetcher({ beaconUrl: l1.anvil.rpcUrl, db, logger }),
    logger,
    watch: [contracts.BridgeManagement, contracts.RollupManagement, contracts.NetworkManagement],
    rollupManagement: contracts.RollupManagement,
    startBlock,
    onBlock,
    onReorg: async () => undefined,
  });
}
