import { hexToBytes, bytesToHex, size, type Hex } from "viem";
import { getBlobBaseFee, getBlock, getContractEvents } from "viem/actions";
import { EnclaveRpcError } from "@obscuro/enclave/rpc";
import {
  ContractCallRevertedError,
  getAggregator,
  getEpochKey,
  getKeyParameters,
  getNetworkInfo,
  networkManagementAbi,
} from "@obscuro/sdk";
import type { GossipVerdict } from "../p2p/GossipNetwork.ts";
import { failpoint } from "../util/failpoint.ts";
import type { L1Head, NodeContext } from "./context.ts";
import type { Lottery } from "./Lottery.ts";
import { chooseDataMode, type DataMode } from "./dataMode.ts";
import { isKeyRotationDue } from "./keyRotation.ts";
import { planSlot, type SlotPlan } from "./schedule.ts";

/** The aggregator's state in the current round, for `/status` and logs. */
export interface SequencerStatus {
  staked: boolean;
  anchor: string | null;
  plan: SlotPlan | null;
  sequencing: boolean;
  batchesProduced: number;
  rollupsPublished: number;
}

/**
 * The aggregator's part: it stakes and publishes its host address, enters each round's lottery,
 * and in its slot sequences batches (L2 blocks every `batchIntervalMs`, gossiped as soft
 * confirmations) and publishes the rollup of the batches since the parent, in blobs or calldata.
 *
 * A parent gets at most one live submission from this node: the submitter keys a rollup by its
 * parent and attempt (`rollup:<parent>:<n>`), and a new attempt is made only after the previous
 * one was reverted or cancelled (its L1 block reorged away, say) — across restarts, since the keys
 * live in the host database.
 */
export class Sequencer {
  readonly #context: NodeContext;
  readonly #lottery: Lottery;
  #staked = false;
  #anchor: bigint | undefined;
  #genesisBlock: bigint | undefined;
  #plan: SlotPlan | undefined;
  #sequencing = false;
  #wins = new Set<string>();
  #producing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #batches = 0;
  #rollups = 0;
  /** A parent on which L1 refused a rollup that kept the epoch: the next build rotates. */
  #rotateOn: Hex | undefined;

  constructor(context: NodeContext, lottery: Lottery) {
    this.#context = context;
    this.#lottery = lottery;
  }

  get status(): SequencerStatus {
    return {
      staked: this.#staked,
      anchor: this.#anchor?.toString() ?? null,
      plan: this.#plan ?? null,
      sequencing: this.#sequencing,
      batchesProduced: this.#batches,
      rollupsPublished: this.#rollups,
    };
  }

  /** Starts the batch clock; batches are produced only while it is this node's slot. */
  start(): void {
    this.#timer = setInterval(() => {
      if (this.#sequencing && !this.#producing)
        this.#producing = this.#produceBatch().finally(() => (this.#producing = undefined));
    }, this.#context.config.sequencing.batchIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#sequencing = false;
    await this.#producing;
  }

  /**
   * Stakes (approve, then `registerAggregator` with the host address) unless this operator already
   * is a publishing aggregator; moves the published host address when it changed. Returns whether
   * the node may publish.
   */
  async ensureStaked(hostAddress: string): Promise<boolean> {
    const { client, contracts, operator, enclaveId, submitter, intents, config, log } = this.#context;
    const aggregator = await getAggregator(client, {
      operator,
      networkManagementAddress: contracts.networkManagement,
    });
    if (aggregator.isPublisher) {
      this.#staked = true;
      if (config.sequencing.autoStake && aggregator.hostAddress !== hostAddress) {
        const intent = intents.updateHostAddress(hostAddress);
        if (!submitter.get(intent.key)) {
          await submitter.submit(intent);
          log.info({ hostAddress }, "publishing the new host address");
        }
      }
      return true;
    }
    // The operator stakes by hand (`obscuro aggregator stake`): the node waits for it.
    if (!config.sequencing.autoStake) return false;
    const { minStake } = await getNetworkInfo(client, { networkManagementAddress: contracts.networkManagement });
    const amount = config.sequencing.stake ?? minStake;
    const approve = intents.approveStake(amount);
    const approval = submitter.get(approve.key);
    if (!approval) {
      await submitter.submit(approve);
      log.info({ amount }, "approving the stake");
      return false;
    }
    if (approval.status !== "mined") return false;
    const register = intents.registerAggregator(enclaveId, hostAddress, amount);
    const registration = submitter.get(register.key);
    if (!registration || registration.status === "reverted" || registration.status === "cancelled") {
      if (!registration) {
        await submitter.submit(register);
        log.info({ amount, hostAddress }, "staking as an aggregator");
      }
    }
    return false;
  }

  /** On each L1 head, once the node is active: the round, the ticket, the slot and its duties. */
  async onHead(head: L1Head): Promise<void> {
    const { enclave, enclaveId, metrics, log } = this.#context;
    const status = await enclave.call("getStatus", {});
    const anchor = await this.#anchorOf(status.safe);
    if (anchor !== this.#anchor) {
      this.#anchor = anchor;
      this.#lottery.prune(anchor);
      await this.#lottery.enter(anchor);
      log.debug({ anchor, parent: status.safe.rollupHash }, "new sequencing round");
    } else if ((head.number - anchor) % 4n === 0n) {
      await this.#lottery.enter(anchor); // again, for peers that joined since
    }
    const plan = planSlot({
      anchor,
      head: head.number,
      ranking: this.#lottery.ranking(anchor),
      rollupIntervalBlocks: this.#context.config.sequencing.rollupIntervalBlocks,
      takeoverBlocks: this.#context.config.sequencing.takeoverBlocks,
    });
    this.#plan = plan;
    const mine = plan.producer === enclaveId;
    const published = this.#liveRollupsOf(status.safe.rollupHash).live;
    this.#sequencing = mine && plan.phase === "sequencing" && !published;
    if (mine && !this.#wins.has(`${anchor}:${plan.slot}`)) {
      this.#wins.add(`${anchor}:${plan.slot}`);
      metrics.lotteryWins.inc();
      log.info({ anchor, slot: plan.slot, parent: status.safe.rollupHash }, "this node's slot: sequencing");
    }
    if (mine && plan.phase === "publishing" && !published) {
      await this.#producing;
      await this.#publish(status.safe, head);
    }
  }

  /** A batch gossiped by a producer: executed by the enclave, which checks it. */
  async receiveBatch(data: Uint8Array): Promise<GossipVerdict> {
    const { enclave, metrics } = this.#context;
    const result = await enclave.call("applyBatch", { gossip: bytesToHex(data) });
    if (result.verdict === "accept" && result.number !== undefined) metrics.l2Head.set(Number(result.number));
    return result.verdict;
  }

  async #produceBatch(): Promise<void> {
    const { enclave, gossip, operator, metrics, log } = this.#context;
    try {
      const batch = await enclave.call("produceBatch", {
        timestamp: BigInt(Math.floor(Date.now() / 1000)),
        coinbase: operator,
      });
      if (!batch || !this.#sequencing) return;
      this.#batches++;
      metrics.l2Head.set(Number(batch.number));
      await gossip.publish("batch", hexToBytes(batch.gossip));
      log.debug({ number: batch.number, transactions: batch.transactions, deposits: batch.deposits }, "batch produced");
    } catch (error) {
      log.warn({ err: (error as Error).message }, "batch production failed");
    }
  }

  /**
   * Publishes the rollup of everything after `safe`, unless this node already has one on its way;
   * it opens a new key epoch when the parent's is due for rotation.
   */
  async #publish(safe: { rollupHash: Hex; number: bigint; keyEpoch: number }, head: L1Head): Promise<void> {
    const { submitter, intents, metrics, log, config } = this.#context;
    const parent = safe.rollupHash;
    const { live, attempts } = this.#liveRollupsOf(parent);
    if (live) return;
    const rotateKey = await this.#keyRotationDue(safe, head);
    const built = await this.#build(config.sequencing.dataMode, rotateKey);
    if (!built) return;
    if (built.header.parentHash !== parent) return; // the enclave's tip moved since the head was read
    failpoint("rollup:signed");
    try {
      await submitter.submit(intents.submitRollup(`rollup:${parent}:${attempts}`, built));
    } catch (error) {
      if (!(error instanceof ContractCallRevertedError)) throw error;
      log.warn({ rollupHash: built.rollupHash, reason: error.errorName }, "rollup refused by L1 in simulation");
      if (error.errorName === "RollupManagement_KeyRotationDue") this.#rotateOn = parent;
      return;
    }
    if (rotateKey) {
      metrics.keyRotations.inc();
      log.info({ rollupHash: built.rollupHash, keyEpoch: built.header.keyEpoch }, "rollup opens a new key epoch");
    }
    this.#sequencing = false;
    this.#rollups++;
    metrics.rollupsPublished.inc();
    log.info(
      {
        rollupHash: built.rollupHash,
        number: built.header.number,
        blocks: `${built.firstBlock}-${built.lastBlock}`,
        data: built.data.kind,
      },
      "rollup published",
    );
  }

  /**
   * The enclave's rollup of every batch since its safe tip, its data where `mode` says; `auto`
   * builds it for calldata first, and again for blobs when they are cheaper at the current fees
   * ({@link chooseDataMode}). Undefined when there is nothing to roll up.
   */
  async #build(mode: "auto" | DataMode, rotateKey: boolean) {
    const { enclave, client, log } = this.#context;
    const build = async (data: DataMode) => {
      try {
        return await enclave.call("buildRollup", { mode: data, rotateKey });
      } catch (error) {
        if (error instanceof EnclaveRpcError && error.remoteCode === "NOTHING_TO_ROLL_UP") return undefined;
        throw error;
      }
    };
    if (mode !== "auto") return build(mode);
    const built = await build("calldata");
    if (built?.data.kind !== "calldata") return built;
    const [block, blobBaseFee] = await Promise.all([
      getBlock(client, { blockTag: "latest" }),
      getBlobBaseFee(client).catch(() => undefined), // an L1 without blobs
    ]);
    const payloadBytes = size(built.data.payload);
    const choice = chooseDataMode({ payloadBytes, baseFeePerGas: block.baseFeePerGas ?? 0n, blobBaseFee });
    log.debug({ payloadBytes, baseFee: block.baseFeePerGas, blobBaseFee, choice }, "rollup data mode chosen");
    return choice === "calldata" ? built : build("blobs");
  }

  /**
   * Whether the rollup on `safe` must open a new key epoch: the parent's epoch was committed on L1
   * `keyRotationPeriod` ago, less a margin ({@link isKeyRotationDue}), or L1 refused the last build
   * on this parent for that reason (`KeyRotationDue`: this node's view of L1 time was behind).
   */
  async #keyRotationDue(safe: { rollupHash: Hex; number: bigint; keyEpoch: number }, head: L1Head): Promise<boolean> {
    if (safe.number === 0n) return false; // the first rollup opens epoch 0 anyway
    if (this.#rotateOn === safe.rollupHash) return true;
    const { client, contracts } = this.#context;
    const [{ committedAt }, { keyRotationPeriod }] = await Promise.all([
      getEpochKey(client, { keyEpoch: safe.keyEpoch, rollupManagementAddress: contracts.rollupManagement }),
      getKeyParameters(client, { rollupManagementAddress: contracts.rollupManagement }),
    ]);
    return isKeyRotationDue({ now: head.timestamp, committedAt, keyRotationPeriod });
  }

  /**
   * This node's rollup submissions on `parent`: `live` when one is pending or mined (then it
   * publishes nothing more on that parent); a reverted or cancelled one (its L1 block reorged
   * away, say) allows the next attempt.
   */
  #liveRollupsOf(parent: Hex): { live: boolean; attempts: number } {
    const records = this.#context.db
      .transactionsOfKind("rollup", 1_000)
      .filter((record) => record.meta.parentHash === parent);
    return {
      live: records.some((record) => record.status === "pending" || record.status === "mined"),
      attempts: records.length,
    };
  }

  /** The L1 block that opened the round: where the parent rollup was included (genesis: the network's initialization). */
  async #anchorOf(safe: { rollupHash: Hex; number: bigint }): Promise<bigint> {
    if (safe.number === 0n) return (this.#genesisBlock ??= await this.#findGenesisBlock());
    const rollup = await this.#context.enclave.call("getRollup", { rollupHash: safe.rollupHash });
    if (!rollup) throw new Error(`the enclave does not know its safe rollup ${safe.rollupHash}`);
    return rollup.l1BlockNumber;
  }

  async #findGenesisBlock(): Promise<bigint> {
    const { client, contracts, manifest } = this.#context;
    const [log] = await getContractEvents(client, {
      address: contracts.networkManagement,
      abi: networkManagementAbi,
      eventName: "NetworkInitialized",
      fromBlock: manifest.deployBlock,
    });
    if (!log?.blockNumber) throw new Error("the network has no NetworkInitialized event yet");
    return log.blockNumber;
  }
}
