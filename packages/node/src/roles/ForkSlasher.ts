import { isAddressEqual, type Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { ContractCallRevertedError, rollupManagementAbi, rollupSlashingAbi, type RollupHeader } from "@obscuro/sdk";
import type { L1Head, NodeContext } from "./context.ts";

/** What the fork slasher needs from the node. */
export type ForkSlasherContext = Pick<
  NodeContext,
  "client" | "contracts" | "submitter" | "intents" | "log" | "operator"
> & {
  /** The first L1 block to look for rollups in (the protocol's deployment). */
  fromBlock: bigint;
};

/** A rollup that may yet end on a dead fork. */
interface Candidate {
  header: RollupHeader;
  publisher: `0x${string}`;
  includedAt: bigint;
}

/** Blocks scanned for rollups per `eth_getLogs` call. */
const LOG_RANGE = 2_000n;

/**
 * The fork rule's reporter: every rollup that lands on L1 is watched until its fate is settled;
 * one that ends at least `slashDepth` deep on a dead, losing branch (`isForkSlashable`) has its
 * publisher slashed with `slashForkPublisher`, and this node's operator gets the reporter's share.
 * A rollup is settled, and forgotten, once `finalityDelay + forkExpiry` blocks have passed since
 * its inclusion without it being slashable: by then its branch either won or died for good, and a
 * dead branch's depth never grows. The node never reports its own rollups.
 */
export class ForkSlasher {
  readonly #context: ForkSlasherContext;
  readonly #candidates = new Map<Hex, Candidate>();
  #scannedTo: bigint;
  /** Whether L1 ever saw a fork (`ForkCreated`): until then no rollup can be on a dead branch. */
  #forked = false;

  constructor(context: ForkSlasherContext) {
    this.#context = context;
    this.#scannedTo = context.fromBlock - 1n;
  }

  /** How many rollups are being watched. */
  get watching(): number {
    return this.#candidates.size;
  }

  async onHead(head: L1Head): Promise<void> {
    await this.#scan(head.number);
    if (this.#candidates.size === 0 || !this.#forked) return;
    const { client, contracts } = this.#context;
    const [[finalityDelay, forkExpiry], [slashDepth]] = await Promise.all([
      readContract(client, {
        address: contracts.rollupManagement,
        abi: rollupManagementAbi,
        functionName: "parameters",
      }),
      readContract(client, { address: contracts.rollupSlashing, abi: rollupSlashingAbi, functionName: "parameters" }),
    ]);
    const settledAfter = BigInt(finalityDelay) + BigInt(forkExpiry);
    for (const [rollupHash, candidate] of this.#candidates) {
      const slashable = await readContract(client, {
        address: contracts.rollupManagement,
        abi: rollupManagementAbi,
        functionName: "isForkSlashable",
        args: [rollupHash, BigInt(slashDepth)],
      });
      if (slashable) await this.#report(rollupHash, candidate);
      else if (head.number > candidate.includedAt + settledAfter) this.#candidates.delete(rollupHash);
    }
  }

  /** Adds the rollups of the blocks since the last scan, up to `head`. */
  async #scan(head: bigint): Promise<void> {
    const { client, contracts, operator } = this.#context;
    while (this.#scannedTo < head) {
      const fromBlock = this.#scannedTo + 1n;
      const toBlock = fromBlock + LOG_RANGE - 1n < head ? fromBlock + LOG_RANGE - 1n : head;
      const logs = await getContractEvents(client, {
        address: contracts.rollupManagement,
        abi: rollupManagementAbi,
        eventName: "RollupSubmitted",
        fromBlock,
        toBlock,
        strict: true,
      });
      if (!this.#forked) {
        const forks = await getContractEvents(client, {
          address: contracts.rollupManagement,
          abi: rollupManagementAbi,
          eventName: "ForkCreated",
          fromBlock,
          toBlock,
        });
        this.#forked = forks.length > 0;
      }
      for (const { args, blockNumber } of logs) {
        if (isAddressEqual(args.publisher, operator)) continue;
        this.#candidates.set(args.rollupHash, {
          header: args.header as RollupHeader,
          publisher: args.publisher,
          includedAt: blockNumber,
        });
      }
      this.#scannedTo = toBlock;
    }
  }

  async #report(rollupHash: Hex, candidate: Candidate): Promise<void> {
    const { submitter, intents, log } = this.#context;
    this.#candidates.delete(rollupHash);
    const intent = intents.slashForkPublisher(candidate.header, rollupHash);
    if (submitter.get(intent.key)) return;
    try {
      await submitter.submit(intent);
      log.warn({ rollupHash, publisher: candidate.publisher }, "slashing the publisher of a rollup on a dead fork");
    } catch (error) {
      if (!(error instanceof ContractCallRevertedError)) throw error;
      log.info({ rollupHash, reason: error.errorName }, "fork publisher not slashed: L1 refused (already slashed?)");
    }
  }
}
