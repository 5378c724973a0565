import { zeroHash, type Address, type Hex, type PublicClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { AssetKind } from "./depositAccumulator.ts";
import { DepositCheckpointNotFoundError } from "./errors.ts";

/** A known point of the deposit queue (`IBridgeManagement.QueuePoint`). */
export interface QueuePoint {
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
  count: bigint;
  acc: Hex;
}

/** `IBridgeManagement.DepositRangeProof`: the deposits between two known points of the queue. */
export interface DepositRangeProof {
  start: QueuePoint;
  endIsLatest: boolean;
  end: QueuePoint;
  deposits: { kind: AssetKind; from: Address; to: Address; token: Address; amountOrId: bigint }[];
}

export interface GetDepositRangeProofParameters {
  publicClient: PublicClient;
  bridge: Address;
  /** The deposit to prove. */
  index: bigint;
  /** Where to start reading logs: the bridge's deploy block (deployment manifest). */
  fromBlock: bigint;
}

/** How many checkpoints the bridge keeps (`DepositQueue.CHECKPOINT_SLOTS`): older ones are overwritten. */
const DEPOSIT_CHECKPOINT_SLOTS = 256n;

/**
 * Builds the proof `refundDeposit` needs for deposit `index`: the deposits from the nearest known
 * point at or before it (a checkpoint still in the bridge's ring, or the frozen rollup's own
 * count and accumulator) to the next checkpoint still in the ring (or the queue's latest state).
 * @throws {DepositCheckpointNotFoundError} when the logs have no such deposit, or the bridge is
 *   not frozen and no checkpoint before the deposit is left in the ring.
 */
export async function getDepositRangeProof({
  publicClient,
  bridge,
  index,
  fromBlock,
}: GetDepositRangeProofParameters): Promise<DepositRangeProof> {
  const [checkpointLogs, depositLogs, queue, frozen, frozenAcc] = await Promise.all([
    publicClient.getContractEvents({
      address: bridge,
      abi: bridgeManagementAbi,
      eventName: "DepositCheckpointed",
      fromBlock,
      strict: true,
    }),
    publicClient.getContractEvents({
      address: bridge,
      abi: bridgeManagementAbi,
      eventName: "DepositQueued",
      fromBlock,
      strict: true,
    }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "depositQueue" }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "frozenLedger" }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "frozenDepositAcc" }),
  ]);
  const [count, acc, , written] = queue;
  if (index >= count) {
    throw new DepositCheckpointNotFoundError("The bridge has no such deposit.", {
      details: `index ${index}, ${count} deposits`,
    });
  }
  const live: QueuePoint[] = checkpointLogs
    .map(({ args }) => ({
      seq: args.seq,
      fromBlock: args.fromBlock,
      untilBlock: args.untilBlock,
      count: args.count,
      acc: args.acc,
    }))
    .filter((point) => point.seq + DEPOSIT_CHECKPOINT_SLOTS >= written)
    .sort((a, b) => (a.seq < b.seq ? -1 : 1));
  // The frozen rollup's point (the bridge is frozen once it names a rollup), if it precedes the deposit.
  const frozenPoint: QueuePoint | undefined =
    frozen.rollupHash !== zeroHash && frozen.depositCount <= index
      ? { seq: 0n, fromBlock: 0n, untilBlock: 0n, count: frozen.depositCount, acc: frozenAcc }
      : undefined;
  const checkpoint = live.filter((point) => point.count <= index).at(-1);
  // The later of the two, for the shorter range.
  const start =
    checkpoint && frozenPoint && frozenPoint.count > checkpoint.count ? frozenPoint : (checkpoint ?? frozenPoint);
  if (!start) {
    throw new DepositCheckpointNotFoundError("No known queue point precedes the deposit.", {
      details: `index ${index}, ${live.length} checkpoints in the ring, bridge ${frozenPoint ? "frozen" : "not frozen"}`,
    });
  }
  const next = live.find((point) => point.count > index);
  const end: QueuePoint = next ?? { seq: 0n, fromBlock: 0n, untilBlock: 0n, count, acc };
  const byIndex = new Map(depositLogs.map(({ args }) => [args.index, args]));
  const deposits: DepositRangeProof["deposits"] = [];
  for (let i = start.count; i < end.count; i++) {
    const d = byIndex.get(i);
    if (!d) throw new DepositCheckpointNotFoundError("A deposit log is missing.", { details: `index ${i}` });
    deposits.push({ kind: d.kind as AssetKind, from: d.from, to: d.to, token: d.token, amountOrId: d.amountOrId });
  }
  return { start, endIsLatest: next === undefined, end, deposits };
}
