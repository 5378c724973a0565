import type { Logger } from "pino";
import { erc20Abi, zeroAddress, zeroHash, type Address, type Hex, type PublicClient } from "viem";
import {
  AssetKind,
  ContestState,
  getAggregator,
  getAllHostAddresses,
  getCanonicalHead,
  getCouncilSafe,
  getDeposits,
  getEmergencyStatus,
  getEnclavePolicy,
  getForkStatus,
  getNetworkInfo,
  getNodes,
  getProposals,
  getRollup,
  getTimeToFinality,
  isErrorWithCode,
  NodeStatus,
  type DeploymentManifest,
  type QueuedDepositLog,
  type SubmittedRollup,
} from "@obscuro/sdk";
import { ExplorerError, L1UnavailableError, RollupNotFoundError } from "../errors.ts";
import { BlockCache, TtlCache } from "./BlockCache.ts";
import { RollupIndex } from "./RollupIndex.ts";

/** The L1 block every section of one answer was read at. */
export interface L1Head {
  chainId: number;
  number: bigint;
  hash: Hex;
  timestamp: bigint;
}

/** One rollup of the tree, as the explorer shows it: public L1 data only (the payload stays encrypted). */
export interface RollupView {
  hash: Hex;
  parentHash: Hex;
  number: bigint;
  branch: number;
  publisher: Address;
  enclaveId: Address;
  /** Data in blobs (else calldata). */
  blobs: boolean;
  /** The L1 block it is built on. */
  l1BlockNumber: bigint;
  /** The L1 block that included it, and the transaction. */
  includedAt: bigint;
  transactionHash: Hex;
  finalAt: bigint;
  keyEpoch: number;
  depositCount: bigint;
  /** Its header commits to withdrawals (a non-zero withdrawal root). */
  hasWithdrawals: boolean;
  canonical: boolean;
  final: boolean;
  invalid: boolean;
  forkSlashed: boolean;
}

const CONTEST_STATE_NAMES = ["Open", "ContenderLost", "ContenderWins", "Orphaned"] as const;
const NODE_STATUS_NAMES = ["None", "AwaitingSecret", "Active", "Deregistered"] as const;
const ASSET_KIND_NAMES = ["ETH", "ERC20", "ERC721"] as const;

export interface L1ReaderOptions {
  client: PublicClient;
  manifest: DeploymentManifest;
  logger: Logger;
  /** How long the L1 head is reused before asking again (ms). */
  headTtlMs: number;
  /** How often the rollup watcher polls (ms). */
  pollingIntervalMs: number;
  /** Rollups shown in the tree: those at most this many numbers below the canonical head. */
  treeDepth: number;
}

/**
 * Everything the explorer shows from L1, read through the SDK's public actions at one L1 block
 * per answer and cached for that block (`BlockCache`): what a refresh costs is one `eth_blockNumber`
 * a second at most, and the sections' reads once per new block.
 */
export class L1Reader {
  readonly #client: PublicClient;
  readonly #manifest: DeploymentManifest;
  readonly #log: Logger;
  readonly #cache = new BlockCache();
  readonly #head: TtlCache<L1Head>;
  readonly #rollups: RollupIndex;
  readonly #treeDepth: number;
  readonly #pollingIntervalMs: number;
  /** Rollups whose status can no longer change (final, invalid, or off the chain below a final rollup). */
  readonly #settled = new Map<Hex, RollupView>();
  /** Deposits (append-only) and the block they are read up to. */
  #deposits: QueuedDepositLog[] = [];
  #depositsUpTo: bigint;
  #depositsReading: Promise<void> | undefined;
  readonly #tokenInfo = new Map<Address, Promise<{ symbol: string | null; decimals: number | null }>>();

  constructor(options: L1ReaderOptions) {
    this.#client = options.client;
    this.#manifest = options.manifest;
    this.#log = options.logger;
    this.#head = new TtlCache(options.headTtlMs);
    this.#rollups = new RollupIndex(options.client, options.logger);
    this.#treeDepth = options.treeDepth;
    this.#pollingIntervalMs = options.pollingIntervalMs;
    this.#depositsUpTo = options.manifest.deployBlock - 1n;
  }

  start(): void {
    this.#rollups.start(this.#manifest.deployBlock, this.#pollingIntervalMs);
  }

  stop(): void {
    this.#rollups.stop();
    this.#cache.clear();
  }

  /** The latest L1 block (reused for `headTtlMs`). @throws {L1UnavailableError} */
  head(): Promise<L1Head> {
    return this.#head.get(() =>
      guard(async () => {
        const block = await this.#client.getBlock({ blockTag: "latest" });
        return {
          chainId: this.#manifest.chainId,
          number: block.number,
          hash: block.hash,
          timestamp: block.timestamp,
        };
      }),
    );
  }

  /** Nodes (every registration), aggregators (stake, host), the host list and the network's parameters. */
  async network() {
    const head = await this.head();
    return this.#cache.get("network", head.number, () =>
      guard(async () => {
        const [info, nodes, hosts] = await Promise.all([
          getNetworkInfo(this.#client),
          getNodes(this.#client),
          getAllHostAddresses(this.#client),
        ]);
        const operators = [...new Set([...nodes.map((n) => n.operator), ...hosts.map((h) => h.operator)])];
        const aggregators = (
          await Promise.all(operators.map((operator) => getAggregator(this.#client, { operator })))
        ).filter((a) => a.stake > 0n || a.unbonding > 0n || a.listed);
        return {
          head,
          info,
          nodes: nodes.map((node) => ({
            enclaveId: node.enclaveId,
            operator: node.operator,
            status: NODE_STATUS_NAMES[node.status] ?? String(node.status),
            active: node.active,
            hasSecret: node.hasSecret,
            genesis: node.enclaveId === info.genesisEnclave,
            measurement: node.measurement,
            requestedAt: node.requestedAt,
            expiresAt: node.expiresAt,
            registeredAtBlock: node.registeredAtBlock,
          })),
          aggregators,
          hosts,
          counts: {
            nodes: nodes.length,
            activeNodes: nodes.filter((n) => n.active).length,
            awaitingSecret: nodes.filter((n) => n.status === NodeStatus.AwaitingSecret).length,
            aggregators: aggregators.length,
            publishers: aggregators.filter((a) => a.isPublisher).length,
          },
        };
      }),
    );
  }

  /** The rollup tree near the canonical head: every branch, the canonical chain, finality and contests. */
  async rollups() {
    const head = await this.head();
    return this.#cache.get("rollups", head.number, () => guard(() => this.#readTree(head)));
  }

  async #readTree(head: L1Head) {
    const at = { blockNumber: head.number };
    const [canonicalHead, forks] = await Promise.all([
      getCanonicalHead(this.#client, at),
      getForkStatus(this.#client, at),
    ]);
    // The important rollups are indexed even before the watcher delivers them.
    await Promise.all([canonicalHead.hash, ...forks.contests.map((c) => c.tip)].map((h) => this.#rollups.ensure(h)));
    const lowest = canonicalHead.number > BigInt(this.#treeDepth) ? canonicalHead.number - BigInt(this.#treeDepth) : 0n;
    const inWindow = this.#rollups
      .all()
      .filter((r) => r.blockNumber <= head.number && r.header.number >= lowest)
      .sort((a, b) =>
        a.header.number === b.header.number ? a.branch - b.branch : a.header.number < b.header.number ? -1 : 1,
      );
    const rollups = await Promise.all(inWindow.map((r) => this.#rollupStatus(r, head.number)));
    const finalHead = rollups.filter((r) => r.final).at(-1);
    this.#log.debug({ block: head.number, rollups: rollups.length, settled: this.#settled.size }, "rollup tree read");
    for (const rollup of rollups) {
      const settled =
        rollup.final || rollup.invalid || (!rollup.canonical && finalHead && rollup.number <= finalHead.number);
      if (settled) this.#settled.set(rollup.hash, rollup);
    }
    return {
      head,
      canonicalHead,
      finalHead: finalHead ? { hash: finalHead.hash, number: finalHead.number } : null,
      finalitySuspended: forks.finalitySuspended,
      canonicalPath: forks.canonicalPath,
      contests: forks.contests.map((c) => ({ ...c, stateName: CONTEST_STATE_NAMES[c.state] ?? String(c.state) })),
      settings: {
        finalityDelay: this.#manifest.settings.rollup.finalityDelay,
        forkExpiry: this.#manifest.settings.rollup.forkExpiry,
        treeDepth: this.#treeDepth,
      },
      rollups,
    };
  }

  async #rollupStatus(submitted: SubmittedRollup, blockNumber: bigint): Promise<RollupView> {
    const settled = this.#settled.get(submitted.rollupHash);
    if (settled) return settled;
    const record = await getRollup(this.#client, { rollupHash: submitted.rollupHash, blockNumber });
    return {
      hash: submitted.rollupHash,
      parentHash: submitted.header.parentHash,
      number: submitted.header.number,
      branch: record.branch,
      publisher: submitted.publisher,
      enclaveId: submitted.header.enclaveId,
      blobs: submitted.blobs,
      l1BlockNumber: submitted.header.l1BlockNumber,
      includedAt: record.includedAt,
      transactionHash: submitted.transactionHash,
      finalAt: record.finalAt,
      keyEpoch: record.keyEpoch,
      depositCount: submitted.header.depositCount,
      hasWithdrawals: submitted.header.withdrawalRoot !== zeroHash,
      canonical: record.canonical,
      final: record.final,
      invalid: record.invalid,
      forkSlashed: record.forkSlashed,
    };
  }

  /** One rollup: its whole (public) header, its status and its time to finality. @throws {RollupNotFoundError} */
  async rollup(rollupHash: Hex) {
    const head = await this.head();
    return this.#cache.get(`rollup:${rollupHash}`, head.number, () =>
      guard(async () => {
        const submitted = await this.#rollups.ensure(rollupHash);
        if (!submitted) throw new RollupNotFoundError(rollupHash);
        const [status, time] = await Promise.all([
          this.#rollupStatus(submitted, head.number),
          getTimeToFinality(this.#client, { rollupHash }),
        ]);
        const children = this.#rollups
          .all()
          .filter((r) => r.header.parentHash === rollupHash)
          .map((r) => ({ hash: r.rollupHash, branch: r.branch }));
        return {
          head,
          rollup: status,
          header: submitted.header,
          children,
          finality: {
            final: time.final,
            canonical: time.canonical,
            finalAtBlock: time.finalAtBlock ?? null,
            blocks: time.blocks ?? null,
            seconds: time.seconds ?? null,
            blockedBy: time.blockedBy
              ? { ...time.blockedBy, stateName: CONTEST_STATE_NAMES[time.blockedBy.state] ?? "" }
              : null,
          },
        };
      }),
    );
  }

  /** What the bridge holds, its deposit queue, the withdrawals waiting for finality, and its pause / exit state. */
  async bridge() {
    const head = await this.head();
    return this.#cache.get("bridge", head.number, () =>
      guard(async () => {
        const bridge = this.#manifest.contracts.BridgeManagement;
        await this.#readDeposits(head.number);
        const deposits = this.#deposits.filter((d) => d.blockNumber <= head.number);
        const tokens = [...new Set(deposits.filter((d) => d.kind !== AssetKind.Eth).map((d) => d.token))];
        const [eth, tokenBalances, emergency, tree] = await Promise.all([
          this.#client.getBalance({ address: bridge, blockNumber: head.number }),
          Promise.all(tokens.map((token) => this.#tokenBalance(token, bridge, head.number, deposits))),
          getEmergencyStatus(this.#client),
          this.rollups(),
        ]);
        const canonicalWithWithdrawals = tree.rollups.filter((r) => r.canonical && r.hasWithdrawals);
        const canonicalTip = tree.rollups.find((r) => r.hash === tree.canonicalHead.hash);
        return {
          head,
          address: bridge,
          balances: [{ kind: "ETH", token: zeroAddress, symbol: "ETH", decimals: 18, balance: eth }, ...tokenBalances],
          deposits: {
            count: BigInt(deposits.length),
            consumedByL2: canonicalTip?.depositCount ?? 0n,
            recent: deposits
              .slice(-20)
              .reverse()
              .map((d) => ({ ...d, kindName: ASSET_KIND_NAMES[d.kind] ?? String(d.kind) })),
          },
          withdrawals: {
            pending: canonicalWithWithdrawals
              .filter((r) => !r.final)
              .map((r) => ({
                rollupHash: r.hash,
                number: r.number,
                includedAt: r.includedAt,
                finalAt: r.finalAt,
                blocksLeft: r.finalAt > head.number ? r.finalAt - head.number : 0n,
                heldByContest: tree.finalitySuspended && r.finalAt <= head.number,
              })),
            claimable: canonicalWithWithdrawals
              .filter((r) => r.final)
              .map((r) => ({ rollupHash: r.hash, number: r.number, finalAt: r.finalAt })),
          },
          emergency,
        };
      }),
    );
  }

  async #readDeposits(upTo: bigint): Promise<void> {
    while (this.#depositsUpTo < upTo) {
      if (this.#depositsReading) {
        await this.#depositsReading;
        continue;
      }
      const fromBlock = this.#depositsUpTo + 1n;
      this.#depositsReading = getDeposits(this.#client, { fromBlock, toBlock: upTo })
        .then((found) => {
          this.#deposits.push(...found);
          this.#depositsUpTo = upTo;
        })
        .finally(() => (this.#depositsReading = undefined));
      await this.#depositsReading;
    }
  }

  async #tokenBalance(token: Address, bridge: Address, blockNumber: bigint, deposits: readonly QueuedDepositLog[]) {
    const kind = deposits.find((d) => d.token === token)?.kind === AssetKind.Erc721 ? "ERC721" : "ERC20";
    const [balance, info] = await Promise.all([
      this.#client.readContract({
        address: token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [bridge],
        blockNumber,
      }),
      this.#tokenMetadata(token),
    ]);
    return { kind, token, symbol: info.symbol, decimals: kind === "ERC721" ? 0 : info.decimals, balance };
  }

  #tokenMetadata(token: Address): Promise<{ symbol: string | null; decimals: number | null }> {
    let info = this.#tokenInfo.get(token);
    if (!info) {
      const read = <T>(functionName: "symbol" | "decimals") =>
        this.#client
          .readContract({ address: token, abi: erc20Abi, functionName })
          .then((v) => v as T)
          .catch(() => null);
      info = Promise.all([read<string>("symbol"), read<number>("decimals")]).then(([symbol, decimals]) => ({
        symbol,
        decimals,
      }));
      this.#tokenInfo.set(token, info);
    }
    return info;
  }

  /** Governor proposals, the council Safe, the emergency state, the attestation policy and the protocol's parameters. */
  async governance() {
    const head = await this.head();
    return this.#cache.get("governance", head.number, () =>
      guard(async () => {
        const settings = this.#manifest.settings;
        const [proposals, council, emergency, policy] = await Promise.all([
          this.#manifest.contracts.ObscuroGovernor ? getProposals(this.#client) : Promise.resolve(null),
          getCouncilSafe(this.#client).catch((error: unknown) => {
            if (isErrorWithCode(error, "COUNCIL_SIGNERS")) return null; // an account, not a Safe
            throw error;
          }),
          getEmergencyStatus(this.#client),
          getEnclavePolicy(this.#client),
        ]);
        return {
          head,
          governance: settings.governance,
          dao: settings.governanceDao ?? null,
          proposals:
            proposals?.map((p) => ({
              proposalId: p.proposalId,
              proposer: p.proposer,
              description: p.description,
              stateName: p.stateName,
              voteStart: p.voteStart,
              voteEnd: p.voteEnd,
              eta: p.eta,
              votes: p.votes,
              quorum: p.quorum,
              actions: p.actions.length,
              blockNumber: p.blockNumber,
            })) ?? null,
          council: council
            ? {
                kind: "safe" as const,
                address: council.safe,
                owners: council.owners,
                threshold: council.threshold,
                nonce: council.nonce,
              }
            : { kind: "account" as const, address: settings.council, owners: [], threshold: 1, nonce: null },
          emergency,
          attestation: {
            kind: settings.attestation.kind,
            verifier: policy.verifier,
            auditors: policy.auditors,
            threshold: policy.threshold,
            policyVersion: policy.policyVersion,
            keyLifetime: policy.keyLifetime,
          },
          parameters: { rollup: settings.rollup, slashing: settings.slashing, network: settings.network },
        };
      }),
    );
  }

  /** The one-screen summary: sections already read for this block are reused. */
  async overview() {
    const head = await this.head();
    return this.#cache.get("overview", head.number, () =>
      guard(async () => {
        const [network, tree, bridge, governance] = await Promise.all([
          this.network(),
          this.rollups(),
          this.bridge(),
          this.governance(),
        ]);
        return {
          head,
          manifest: {
            chainId: this.#manifest.chainId,
            deployBlock: this.#manifest.deployBlock,
            commit: this.#manifest.commit,
            contracts: this.#manifest.contracts,
          },
          networkKey: network.info.networkKey,
          counts: network.counts,
          canonicalHead: tree.canonicalHead,
          finalHead: tree.finalHead,
          finalitySuspended: tree.finalitySuspended,
          openContests: tree.contests.filter((c) => c.state === ContestState.Open).length,
          bridge: {
            eth: bridge.balances[0]!.balance,
            deposits: bridge.deposits.count,
            consumedByL2: bridge.deposits.consumedByL2,
            pendingWithdrawalRollups: bridge.withdrawals.pending.length,
          },
          emergency: governance.emergency,
          proposals: {
            total: governance.proposals?.length ?? null,
            active: governance.proposals?.filter((p) => p.stateName === "Active").length ?? null,
          },
        };
      }),
    );
  }
}

/** Runs an L1 read; a transport failure becomes {@link L1UnavailableError}, explorer errors pass through. */
async function guard<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExplorerError) throw error;
    if (isTransportFailure(error)) throw new L1UnavailableError({ details: rootMessage(error), cause: error });
    throw error;
  }
}

const TRANSPORT_ERRORS = new Set(["HttpRequestError", "TimeoutError", "SocketClosedError", "WebSocketRequestError"]);

function isTransportFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (TRANSPORT_ERRORS.has((e as Error).name)) return true;
  }
  return false;
}

function rootMessage(error: unknown): string {
  let e = error as { cause?: unknown; shortMessage?: string; message?: string };
  for (let depth = 0; e.cause && depth < 10; depth++) e = e.cause as typeof e;
  return e.shortMessage ?? e.message ?? String(error);
}
