import {
  bytesToHex,
  decodeAbiParameters,
  encodeAbiParameters,
  hexToBytes,
  recoverAddress,
  type Address,
  type Hex,
} from "viem";
import { readContract } from "viem/actions";
import {
  ContractCallRevertedError,
  getNode,
  getRollup,
  hashInvalidRollupTestimony,
  rollupSlashingAbi,
  type InvalidRollupTestimony,
} from "@obscuro/sdk";
import type { GossipVerdict } from "../p2p/GossipNetwork.ts";
import type { L1Head, NodeContext } from "./context.ts";

/** L1 blocks between two gossips of a testimony whose rollup L1 has not invalidated yet. */
const REGOSSIP_BLOCKS = 3n;

const TESTIMONY_ABI = [{ type: "bytes32" }, { type: "address" }, { type: "bytes" }, { type: "uint32" }] as const;

/**
 * A testimony as it travels in gossip: `abi.encode(rollupHash, witness, signature, round)`. The
 * round changes each time the witness gossips it again: gossip drops a message it has seen, so a
 * repeat must differ to reach a peer that missed the first one.
 */
export function encodeTestimony(rollupHash: Hex, testimony: InvalidRollupTestimony, round = 0): Uint8Array {
  return hexToBytes(encodeAbiParameters(TESTIMONY_ABI, [rollupHash, testimony.witness, testimony.signature, round]));
}

/**
 * The validator's part: every node re-executes every rollup from L1 (the enclave does, as blocks
 * are fed); when its enclave finds one invalid it signs an `InvalidRollup` testimony, which is
 * gossiped. Testimonies from active enclaves are collected per rollup, and once there are
 * `invalidRollupQuorum` of them, the node submits `slashInvalidRollup` (the first to land is
 * rewarded; the others' simulations fail and send nothing).
 */
export class Testimonies {
  readonly #context: NodeContext;
  readonly #byRollup = new Map<Hex, Map<Address, InvalidRollupTestimony>>();
  /** This enclave's own testimonies of rollups L1 has not invalidated yet, with the head they were last gossiped at. */
  readonly #own = new Map<Hex, { testimony: InvalidRollupTestimony; gossipedAt: bigint; round: number }>();

  constructor(context: NodeContext) {
    this.#context = context;
  }

  /** Testimonies collected for `rollupHash`. */
  count(rollupHash: Hex): number {
    return this.#byRollup.get(rollupHash)?.size ?? 0;
  }

  /** This enclave's testimony: kept, gossiped, and submitted with the others' once there is a quorum. */
  async testify(rollupHash: Hex, testimony: InvalidRollupTestimony): Promise<void> {
    const { gossip, log } = this.#context;
    this.#add(rollupHash, testimony);
    this.#own.set(rollupHash, { testimony, gossipedAt: -1n, round: 0 });
    await gossip.publish("testimony", encodeTestimony(rollupHash, testimony));
    log.warn({ rollupHash }, "invalid rollup: testimony gossiped");
    await this.#slashIfQuorum(rollupHash);
  }

  /**
   * On each L1 head, for every rollup this enclave testified against that L1 has not invalidated
   * yet: gossip the testimony again every {@link REGOSSIP_BLOCKS} blocks (a peer that joined or
   * restarted since, or a mesh not formed yet, missed it) and try the quorum again. Forgotten
   * once L1 invalidated the rollup or it became final.
   */
  async onHead(head: L1Head): Promise<void> {
    const { client, contracts, gossip, log } = this.#context;
    for (const [rollupHash, own] of this.#own) {
      const onL1 = await getRollup(client, { rollupHash, rollupManagementAddress: contracts.rollupManagement });
      if (onL1.invalid || onL1.final) {
        this.#own.delete(rollupHash);
        if (onL1.final && !onL1.invalid)
          log.error({ rollupHash }, "an invalid rollup became final before the testimonies could slash it");
        continue;
      }
      if (head.number - own.gossipedAt >= REGOSSIP_BLOCKS) {
        own.gossipedAt = head.number;
        own.round++;
        await gossip.publish("testimony", encodeTestimony(rollupHash, own.testimony, own.round));
      }
      await this.#slashIfQuorum(rollupHash);
    }
  }

  /** A gossiped testimony: kept when an active enclave signed it for this network. */
  async receive(data: Uint8Array): Promise<GossipVerdict> {
    let rollupHash: Hex;
    let testimony: InvalidRollupTestimony;
    try {
      const [hash, witness, signature] = decodeAbiParameters(TESTIMONY_ABI, bytesToHex(data));
      rollupHash = hash;
      testimony = { witness, signature };
    } catch {
      return "reject";
    }
    const { chainId, contracts, client } = this.#context;
    const digest = hashInvalidRollupTestimony({ rollupHash, chainId, rollupSlashing: contracts.rollupSlashing });
    const signer = await recoverAddress({ hash: digest, signature: testimony.signature }).catch(() => undefined);
    if (signer !== testimony.witness) return "reject";
    if (this.#byRollup.get(rollupHash)?.has(testimony.witness)) return "ignore";
    const node = await getNode(client, {
      enclaveId: testimony.witness,
      networkManagementAddress: contracts.networkManagement,
    });
    if (!node.active) return "ignore";
    this.#add(rollupHash, testimony);
    await this.#slashIfQuorum(rollupHash);
    return "accept";
  }

  #add(rollupHash: Hex, testimony: InvalidRollupTestimony): void {
    let testimonies = this.#byRollup.get(rollupHash);
    if (!testimonies) {
      testimonies = new Map();
      this.#byRollup.set(rollupHash, testimonies);
    }
    testimonies.set(testimony.witness, testimony);
  }

  async #slashIfQuorum(rollupHash: Hex): Promise<void> {
    const { client, contracts, enclave, submitter, intents, log } = this.#context;
    const testimonies = [...(this.#byRollup.get(rollupHash)?.values() ?? [])];
    const [, , , quorum] = await readContract(client, {
      address: contracts.rollupSlashing,
      abi: rollupSlashingAbi,
      functionName: "parameters",
    });
    const rollup = await enclave.call("getRollup", { rollupHash });
    if (!rollup) return; // the enclave has not seen it on L1 yet: the next testimony or block retries
    // The publisher's own enclave testifies too when it replays its lie; the contract counts others only.
    const witnesses = testimonies.filter((t) => t.witness !== rollup.header.enclaveId);
    if (BigInt(witnesses.length) < BigInt(quorum)) return;
    const intent = intents.slashInvalidRollup(rollup.header, rollupHash, witnesses.slice(0, Number(quorum)));
    if (submitter.get(intent.key)) return;
    try {
      await submitter.submit(intent);
      log.warn(
        { rollupHash, publisher: rollup.publisher, witnesses: testimonies.length },
        "slashing an invalid rollup",
      );
    } catch (error) {
      if (!(error instanceof ContractCallRevertedError)) throw error;
      if (error.errorName === "RollupManagement_FinalRollup")
        log.error({ rollupHash }, "an invalid rollup became final before the testimonies could slash it");
      else
        log.info({ rollupHash, reason: error.errorName }, "invalid rollup not slashed: L1 refused (already slashed?)");
    }
  }
}
