import { zeroHash, type Address, type Hex, type PublicClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { AssetKind } from "./depositAccumulator.ts";
import { DepositCheckpointNotFoundError } from "./errors.ts";

/** How the bridge knows a point of the queue (`IBridgeManagement.QueuePointKind`). */
export const QueuePointKind = { Checkpoint: 0, Frozen: 1, Recorded: 2, Latest: 3 } as const;
export type QueuePointKind = (typeof QueuePointKind)[keyof typeof QueuePointKind];

/** A known point of the deposit queue (`IBridgeManagement.QueuePoint`): the accumulator `acc` after `count` deposits. */
export interface QueuePoint {
  kind: QueuePointKind;
  /** For a `Checkpoint`: its sequence number and the blocks it spans; zero otherwise. */
  seq: bigint;
  fromBlock: bigint;
  untilBlock: bigint;
  count: bigint;
  acc: Hex;
}

/** A deposit as the accumulator hashed it (`IBridgeManagement.QueuedDeposit`). */
export interface QueuedDeposit {
  kind: AssetKind;
  from: Address;
  to: Address;
  token: Address;
  amountOrId: bigint;
}

/** How many checkpoints the bridge keeps (`DepositQueue.CHECKPOINT_SLOTS`): older ones are overwritten. */
export const DEPOSIT_CHECKPOINT_SLOTS = 256n;

/** `BridgeManagement.REFUND_POINT_INTERVAL`: refund points sit at every multiple of it. */
export const REFUND_POINT_INTERVAL = 32n;

/** The bridge's deposit queue as its logs and state show it: everything refunds and their proofs need. */
export interface DepositQueueSnapshot {
  /** Deposits so far and the accumulator after them (the queue's latest state). */
  count: bigint;
  acc: Hex;
  /** Every deposit, by index. */
  deposits: readonly QueuedDeposit[];
  /** `accAt[n]`: the accumulator after `n` deposits (`accAt[0]` is zero). */
  accAt: readonly Hex[];
  /** The checkpoints still in the bridge's ring, oldest first. */
  checkpoints: readonly QueuePoint[];
  /** In exit mode, the frozen rollup's deposit point; undefined before a freeze. */
  frozen: QueuePoint | undefined;
  /** Counts at which `recordRefundPoints` stored the accumulator. */
  recorded: ReadonlySet<bigint>;
}

export interface ReadDepositQueueParameters {
  publicClient: PublicClient;
  bridge: Address;
  /** Where to start reading logs: the bridge's deploy block (deployment manifest). */
  fromBlock: bigint;
}

/**
 * Reads the bridge's deposit queue from its logs (`DepositQueued`, `DepositCheckpointed`,
 * `RefundPointsRecorded`) and state, once, so that any number of refund proofs and refund-point
 * chunks can then be built from it without reading again.
 * @throws {DepositCheckpointNotFoundError} when the logs miss a deposit the queue counts.
 */
export async function readDepositQueue({
  publicClient,
  bridge,
  fromBlock,
}: ReadDepositQueueParameters): Promise<DepositQueueSnapshot> {
  const read = { address: bridge, abi: bridgeManagementAbi, fromBlock, strict: true } as const;
  const [depositLogs, checkpointLogs, recordedLogs, queue, frozenLedger, frozenAcc] = await Promise.all([
    publicClient.getContractEvents({ ...read, eventName: "DepositQueued" }),
    publicClient.getContractEvents({ ...read, eventName: "DepositCheckpointed" }),
    publicClient.getContractEvents({ ...read, eventName: "RefundPointsRecorded" }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "depositQueue" }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "frozenLedger" }),
    publicClient.readContract({ address: bridge, abi: bridgeManagementAbi, functionName: "frozenDepositAcc" }),
  ]);
  const [count, acc, , written] = queue;
  const byIndex = new Map(depositLogs.map(({ args }) => [args.index, args]));
  const deposits: QueuedDeposit[] = [];
  const accAt: Hex[] = [zeroHash];
  for (let i = 0n; i < count; i++) {
    const d = byIndex.get(i);
    if (!d)
      throw new DepositCheckpointNotFoundError("A deposit log is missing.", { details: `index ${i} of ${count}` });
    deposits.push({ kind: d.kind as AssetKind, from: d.from, to: d.to, token: d.token, amountOrId: d.amountOrId });
    accAt.push(d.acc);
  }
  const checkpoints: QueuePoint[] = checkpointLogs
    .filter(({ args }) => args.seq + DEPOSIT_CHECKPOINT_SLOTS >= written)
    .map(({ args }) => ({
      kind: QueuePointKind.Checkpoint,
      seq: args.seq,
      fromBlock: args.fromBlock,
      untilBlock: args.untilBlock,
      count: args.count,
      acc: args.acc,
    }))
    .sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const frozen: QueuePoint | undefined =
    frozenLedger.rollupHash === zeroHash
      ? undefined
      : queuePoint(QueuePointKind.Frozen, frozenLedger.depositCount, frozenAcc);
  const recorded = new Set<bigint>();
  for (const { args } of recordedLogs) {
    for (const c of recordedCounts(args.startCount, args.endCount)) if (c !== 0n) recorded.add(c);
  }
  return { count, acc, deposits, accAt, checkpoints, frozen, recorded };
}

/** The counts a `recordRefundPoints(start, …, end)` chunk stores: its start and every multiple of the interval before its end. */
export function recordedCounts(startCount: bigint, endCount: bigint): bigint[] {
  const counts = [startCount];
  for (
    let c = (startCount / REFUND_POINT_INTERVAL + 1n) * REFUND_POINT_INTERVAL;
    c < endCount;
    c += REFUND_POINT_INTERVAL
  ) {
    counts.push(c);
  }
  return counts;
}

/** A point of `kind` at `count`, with no checkpoint fields. */
export function queuePoint(kind: QueuePointKind, count: bigint, acc: Hex): QueuePoint {
  return { kind, seq: 0n, fromBlock: 0n, untilBlock: 0n, count, acc };
}
