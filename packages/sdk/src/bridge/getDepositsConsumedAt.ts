import type { Address, Client, Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { bridgeManagementAbi } from "../generated/index.ts";
import { DepositCheckpointNotFoundError } from "./errors.ts";

export interface GetDepositsConsumedAtParameters {
  /** Any client that reads the chain (a public or wallet client). */
  publicClient: Client;
  bridge: Address;
  /** The L1 block a rollup is built on (in the past). */
  l1BlockNumber: bigint;
}

/**
 * The deposit checkpoint hint `submitRollup` takes (`IBridgeManagement.DepositCheckpoint`): the
 * checkpoint covering the rollup's L1 block, or, when no deposit arrived after that block yet, the
 * one the next deposit block will write, with `untilBlock` 0 ("the latest checkpoint"). Either way
 * a deposit that lands ahead of the rollup cannot make it revert.
 */
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
  /** The checkpoint covering `l1BlockNumber`, predicted when no deposit arrived after it yet. */
  checkpoint: DepositCheckpointHint;
}

/**
 * What a rollup built on `l1BlockNumber` must commit to: the deposit count and accumulator at the
 * end of that block, and the checkpoint hint. Reads the queue state, and, only when deposits
 * arrived after the block, the first `DepositCheckpointed` log after it (written by the first
 * deposit of the next deposit block, it covers the block). When none arrived yet, the hint names
 * the checkpoint the next deposit block will write (`seq` = checkpoints written, `fromBlock` = the
 * latest deposit block, `untilBlock` 0), which the bridge resolves if a deposit lands first.
 * @throws {DepositCheckpointNotFoundError} when the logs do not have it.
 */
export async function getDepositsConsumedAt({
  publicClient,
  bridge,
  l1BlockNumber,
}: GetDepositsConsumedAtParameters): Promise<GetDepositsConsumedAtReturnType> {
  const [count, acc, lastBlock, written] = await readContract(publicClient, {
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositQueue",
  });
  if (lastBlock <= l1BlockNumber) {
    return { depositCount: count, depositAcc: acc, checkpoint: { seq: written, fromBlock: lastBlock, untilBlock: 0n } };
  }
  const logs = await getContractEvents(publicClient, {
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
