import { keccak256, type Hex } from "viem";
import { epochKeyBytes } from "./epochKey.ts";
import type { BytesLike } from "./bytes.ts";

/**
 * The commitment to an epoch key that the first rollup of the epoch carries in its header:
 * `keyCommitment = keccak256(epochKey)` over the 32 key bytes. `discloseKey(epoch, key)` is
 * accepted on L1 only when `keccak256(key)` equals it, so a disclosed key is the one that
 * encrypted the epoch's rollups.
 * @throws {InvalidEpochKeyError} when the key is not 32 bytes.
 */
export function computeKeyCommitment(epochKey: BytesLike): Hex {
  return keccak256(epochKeyBytes(epochKey));
}
