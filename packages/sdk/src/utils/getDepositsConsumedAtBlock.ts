import type { Address, Client, Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { DepositCheckpointNotFoundError } from "../errors/bridge.ts";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { DepositCheckpointHint } from "../types/bridge.ts";

/** The deposits a rollup built on an L1 block consumes, and the hint that proves it. */
export interface DepositsConsumedAt {
  /** The queue length at the end of the block: the header's `depositCount`. */
  depositCount: bigint;
  /** The accumulator at that length: the header's `depositAcc`. */
  depositAcc: Hex;
  /** The checkpoint covering the block, predicted when no deposit arrived after it yet. */
  checkpoint: DepositCheckpointHint;
}

/**
 * What a rollup built on `l1BlockNumber` must commit to (shared by `getDepositsConsumedAt` and
 * `submitRollup`, which sends the hint): the deposit count and accumulator at the end of that
 * block, and the checkpoint hint. Reads the queue state, and, only when deposits arrived after the
 * block, the first `DepositCheckpointed` log after it (written by the first deposit of the next
 * deposit block, it covers the block). When none arrived yet, the hint names the checkpoint the
 * next deposit block will write (`seq` = checkpoints written, `fromBlock` = the latest deposit
 * block, `untilBlock` 0), which the bridge resolves if a deposit lands first.
 * @throws {DepositCheckpointNotFoundError} when the logs do not have it.
 */
export async function getDepositsConsumedAtBlock(
  client: Client,
  bridge: Address,
  l1BlockNumber: bigint,
): Promise<DepositsConsumedAt> {
  const [count, acc, lastBlock, written] = await readContract(client, {
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositQueue",
  });
  if (lastBlock <= l1BlockNumber) {
    return { depositCount: count, depositAcc: acc, checkpoint: { seq: written, fromBlock: lastBlock, untilBlock: 0n } };
  }
  const logs = await getContractEvents(client, {
    address: bridge,
    abi: bridgeManagementAbi,
    eventName: "DepositCheckpointed",
    fromBlock: l1BlockNumber + 1n,
    toBlock: lastBlock,
    strict: true,
  });
  const covering = logs.find((log) => log.args.fromBlock <= l1BlockNumber && l1BlockNumber < log.args.untilBlock);
  if (!covering) {
    throw new DepositCheckpointNotFoundError("No deposit checkpoint covers the L1 block.", {
      details: `bridge ${bridge}, L1 block ${l1BlockNumber}, ${logs.length} checkpoint logs after it`,
    });
  }
  const { seq, fromBlock, untilBlock, count: checkpointCount, acc: checkpointAcc } = covering.args;
  return { depositCount: checkpointCount, depositAcc: checkpointAcc, checkpoint: { seq, fromBlock, untilBlock } };
}
