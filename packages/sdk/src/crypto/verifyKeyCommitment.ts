import { type Hex } from "viem";
import type { BytesLike } from "./bytes.ts";
import { computeKeyCommitment } from "./computeKeyCommitment.ts";

export interface VerifyKeyCommitmentParameters {
  /** A disclosed (or locally derived) epoch key. */
  epochKey: BytesLike;
  /** The `keyCommitment` of the epoch's first rollup header. */
  keyCommitment: Hex;
}

/**
 * Whether `keccak256(epochKey)` equals the commitment: the check `discloseKey` makes on L1, and
 * the one a reader makes before trusting a disclosed key to decrypt an epoch's rollups.
 * @throws {InvalidEpochKeyError} when the key is not 32 bytes.
 */
export function verifyKeyCommitment({ epochKey, keyCommitment }: VerifyKeyCommitmentParameters): boolean {
  return computeKeyCommitment(epochKey).toLowerCase() === keyCommitment.toLowerCase();
}
