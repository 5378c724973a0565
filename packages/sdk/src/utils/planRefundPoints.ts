import { DEFAULT_REFUND_CHUNK_SIZE, REFUND_POINT_INTERVAL } from "../constants/bridge.ts";
import { InvalidRefundPlanError } from "../errors/bridge.ts";
import { QueuePointKind, type DepositQueueSnapshot, type QueuePoint, type RefundPointsChunk } from "../types/bridge.ts";
import { queuePoint } from "./depositQueue.ts";

export interface PlanRefundPointsParameters {
  /** Deposits per call. Default 512: about 82 KB of calldata and 2.3M gas, well inside a transaction. */
  chunkSize?: bigint | undefined;
}

/**
 * The `recordRefundPoints` calls that make every deposit after the frozen rollup refundable with
 * a proof of at most `REFUND_POINT_INTERVAL` deposits, in the order they must be sent: walking
 * back from the lowest point already recorded (or the queue's latest state) to the frozen
 * rollup's deposit count, each chunk ending where the previous one started. Chunk boundaries fall
 * on multiples of the chunk size, so two keepers planning at once propose the same chunks.
 * Empty when nothing is left to record.
 * @throws {InvalidRefundPlanError} when the bridge is not frozen or the chunk size is not positive.
 */
export function planRefundPoints(
  queue: DepositQueueSnapshot,
  { chunkSize = DEFAULT_REFUND_CHUNK_SIZE }: PlanRefundPointsParameters = {},
): RefundPointsChunk[] {
  if (!queue.frozen) throw new InvalidRefundPlanError("The bridge is not frozen: refund points come after a freeze.");
  if (chunkSize <= 0n)
    throw new InvalidRefundPlanError("The chunk size must be positive.", { details: `${chunkSize}` });
  const floor = queue.frozen.count;
  let end = resumePoint(queue, floor);
  const chunks: RefundPointsChunk[] = [];
  // Done once the frozen point is within an interval of the lowest covered point.
  while (end.count - floor > REFUND_POINT_INTERVAL) {
    const aligned = ((end.count - 1n) / chunkSize) * chunkSize;
    const startCount = aligned > floor ? aligned : floor;
    chunks.push({
      startCount,
      startAcc: queue.accAt[Number(startCount)]!,
      deposits: queue.deposits.slice(Number(startCount), Number(end.count)),
      end,
    });
    end = queuePoint(QueuePointKind.Recorded, startCount, queue.accAt[Number(startCount)]!);
  }
  return chunks;
}

/**
 * Where the walk back resumes: from the latest state down through recorded points no more than
 * an interval apart (what earlier chunks covered), to the first gap wider than an interval.
 */
function resumePoint(queue: DepositQueueSnapshot, floor: bigint): QueuePoint {
  const below = [...queue.recorded].filter((c) => c > floor).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  let cur = queuePoint(QueuePointKind.Latest, queue.count, queue.acc);
  for (const c of below) {
    if (cur.count - c > REFUND_POINT_INTERVAL) break;
    cur = queuePoint(QueuePointKind.Recorded, c, queue.accAt[Number(c)]!);
  }
  return cur;
}
