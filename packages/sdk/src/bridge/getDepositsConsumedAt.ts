import type { Address, Hex, PublicClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import { DepositCheckpointNotFoundError } from "./errors.ts";

export interface GetDepositsConsumedAtParameters {
  publicClient: PublicClient;
  bridge: Address;
  /** The L1 block a rollup is built on (in the past). */
  l1BlockNumber: bigint;
}

/** The deposit checkpoint hint `submitRollup` takes; all zero when not needed. */
export interface DepositCheckpointHint {
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
}

export interface GetDepositsConsumedAtReturnType {
  /** The queue length at the end of `l1BlockNumber`: the header's `depositCount`. */
  depositCount: bigint;
  /** The accumulator at that length: the header's `depositAcc`. */
  depositAcc: Hex;
  /** The checkpoint covering `l1BlockNumber` when deposits arrived after it, else zeros. */
  checkpoint: DepositCheckpointHint;
}

export const NO_DEPOSIT_CHECKPOINT: DepositCheckpointHint = { seq: 0n, fromBlock: 0n, untilBlock: 0n };

/**
 * What a rollup built on `l1BlockNumber` must commit to: the deposit count and accumulator at the
 * end of that block, and the checkpoint hint if the queue has moved on since. Reads the queue
 * state, and, only when deposits arrived after the block, the first `DepositCheckpointed` log
 * after it (written by the first deposit of the next deposit block, it covers the block).
 * @throws {DepositCheckpointNotFoundError} when the logs do not have it.
 */
export async function getDepositsConsumedAt({
  publicClient,
  bridge,
  l1BlockNumber,
}: GetDepositsConsumedAtParameters): Promise<GetDepositsConsumedAtReturnType> {
  const [count, acc, lastBlock] = await publicClient.readContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositQueue",
  });
  if (lastBlock <= l1BlockNumber) return { depositCount: count, depositAcc: acc, checkpoint: NO_DEPOSIT_CHECKPOINT };
  const logs = await publicClient.getContractEvents({
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
  return {
    depositCount: checkpointCount,
    depositAcc: checkpointAcc,
    checkpoint: { seq, fromBlock, untilBlock },
  };
}
