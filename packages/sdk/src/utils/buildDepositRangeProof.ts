import { DepositCheckpointNotFoundError } from "../errors/bridge.ts";
import { QueuePointKind, type DepositQueueSnapshot, type DepositRangeProof, type QueuePoint } from "../types/bridge.ts";
import { queuePoint } from "./depositQueue.ts";

/**
 * The shortest proof `refundDeposit` accepts for deposit `index`: from the latest point the
 * bridge knows at or before it (the frozen rollup's point, a checkpoint in the ring or a recorded
 * refund point) to the earliest one after it (a checkpoint, a recorded point or the latest state).
 * @throws {DepositCheckpointNotFoundError} when the queue has no such deposit, or no known point
 *   precedes it (the bridge is not frozen and the ring no longer reaches back to it).
 */
export function buildDepositRangeProof(queue: DepositQueueSnapshot, index: bigint): DepositRangeProof {
  if (index < 0n || index >= queue.count) {
    throw new DepositCheckpointNotFoundError("The bridge has no such deposit.", {
      details: `index ${index}, ${queue.count} deposits`,
    });
  }
  const start = startFor(queue, index);
  if (!start) {
    throw new DepositCheckpointNotFoundError("No known queue point precedes the deposit.", {
      details: `index ${index}, ${queue.checkpoints.length} checkpoints in the ring, bridge ${queue.frozen ? "frozen" : "not frozen"}`,
    });
  }
  const end = endFor(queue, index);
  return { start, end, deposits: queue.deposits.slice(Number(start.count), Number(end.count)) };
}

function startFor(queue: DepositQueueSnapshot, index: bigint): QueuePoint | undefined {
  let best: QueuePoint | undefined = queue.frozen && queue.frozen.count <= index ? queue.frozen : undefined;
  for (const checkpoint of queue.checkpoints) {
    if (checkpoint.count <= index && (!best || checkpoint.count > best.count)) best = checkpoint;
  }
  const recorded = highestRecordedAtOrBelow(queue, index);
  if (recorded !== undefined && (!best || recorded > best.count)) {
    best = queuePoint(QueuePointKind.Recorded, recorded, queue.accAt[Number(recorded)]!);
  }
  return best;
}

function endFor(queue: DepositQueueSnapshot, index: bigint): QueuePoint {
  let best: QueuePoint = queuePoint(QueuePointKind.Latest, queue.count, queue.acc);
  for (const checkpoint of queue.checkpoints) {
    if (checkpoint.count > index && checkpoint.count < best.count) best = checkpoint;
  }
  for (const c of queue.recorded) {
    if (c > index && c < best.count) best = queuePoint(QueuePointKind.Recorded, c, queue.accAt[Number(c)]!);
  }
  return best;
}

function highestRecordedAtOrBelow(queue: DepositQueueSnapshot, index: bigint): bigint | undefined {
  let best: bigint | undefined;
  for (const c of queue.recorded) if (c <= index && (best === undefined || c > best)) best = c;
  return best;
}
