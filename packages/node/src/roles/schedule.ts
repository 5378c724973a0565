import type { Address } from "viem";

/** What a sequencing slot asks of its producer at an L1 block. */
export type SlotPhase = "collecting" | "sequencing" | "publishing";

export interface SlotPlan {
  /** Slot index since the round opened (0: the winner's, 1: the first takeover…). */
  slot: number;
  /** The enclave whose turn it is; undefined while tickets are being collected or when there are none. */
  producer: Address | undefined;
  phase: SlotPhase;
}

export interface ScheduleParameters {
  /** The L1 block that opened the round (where the parent rollup was included). */
  anchor: bigint;
  /** The L1 block now. */
  head: bigint;
  /** The round's tickets, lowest nonce first. */
  ranking: readonly { enclaveId: Address }[];
  /** L1 blocks a producer sequences before it publishes. */
  rollupIntervalBlocks: number;
  /** L1 blocks its rollup may take to land before the next ticket's slot begins. */
  takeoverBlocks: number;
}

/**
 * The round's timetable, the same on every node that holds the same tickets. The block after the
 * anchor is for collecting tickets; then slots of `rollupIntervalBlocks + takeoverBlocks` blocks
 * follow, the first for the lowest ticket, the next for the second lowest, and so on (wrapping
 * around): a producer sequences for `rollupIntervalBlocks`, then publishes its rollup and stops,
 * and if the rollup has not landed when the slot ends, the next ticket takes over. The slots do
 * not overlap, so two honest producers never sequence at the same time.
 */
export function planSlot(parameters: ScheduleParameters): SlotPlan {
  const { anchor, head, ranking, rollupIntervalBlocks, takeoverBlocks } = parameters;
  const start = anchor + 1n;
  if (head < start || ranking.length === 0) return { slot: 0, producer: undefined, phase: "collecting" };
  const length = BigInt(rollupIntervalBlocks + takeoverBlocks);
  const elapsed = head - start;
  const slot = Number(elapsed / length);
  const offset = elapsed % length;
  return {
    slot,
    producer: ranking[slot % ranking.length]!.enclaveId,
    phase: offset < BigInt(rollupIntervalBlocks) ? "sequencing" : "publishing",
  };
}
