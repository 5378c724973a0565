/**
 * When a rollup must open a new key epoch. L1 refuses a rollup that keeps its parent's epoch once
 * `committedAt + keyRotationPeriod` has passed (`KeyRotationDue`), so a publisher rotates a tenth
 * of the period early: the rollup built now lands some blocks later (fee bumps included), and an
 * epoch a little shorter than allowed costs nothing.
 */
export function isKeyRotationDue(parameters: {
  /** The latest L1 block's timestamp (L1 time, not this machine's clock). */
  now: bigint;
  /** When L1 recorded the parent's epoch key (`getEpochKey(...).committedAt`). */
  committedAt: bigint;
  keyRotationPeriod: bigint;
}): boolean {
  const { now, committedAt, keyRotationPeriod } = parameters;
  if (committedAt === 0n) return false; // no rollup opened the epoch on L1: the first one commits it
  return now + keyRotationPeriod / KEY_ROTATION_MARGIN_DIVISOR >= committedAt + keyRotationPeriod;
}

/** Rotation happens this fraction of the period early (1/10). */
export const KEY_ROTATION_MARGIN_DIVISOR = 10n;
