import type { Hex } from "viem";
import { REFUND_POINT_INTERVAL } from "../constants/bridge.ts";
import type { QueuePoint, QueuePointKind } from "../types/bridge.ts";

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
