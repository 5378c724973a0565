import type { Address, PublicClient } from "viem";
import { buildDepositRangeProof, type DepositRangeProof } from "./buildDepositRangeProof.ts";
import { readDepositQueue } from "./readDepositQueue.ts";

export interface GetDepositRangeProofParameters {
  publicClient: PublicClient;
  bridge: Address;
  /** The deposit to prove. */
  index: bigint;
  /** Where to start reading logs: the bridge's deploy block (deployment manifest). */
  fromBlock: bigint;
}

/**
 * Builds the proof `refundDeposit` needs for deposit `index` (see {@link buildDepositRangeProof}).
 * Reads the whole queue; to prove many deposits, read it once with `readDepositQueue` and call
 * `buildDepositRangeProof` for each.
 * @throws {DepositCheckpointNotFoundError} when the logs have no such deposit, or the bridge is
 *   not frozen and no checkpoint before the deposit is left in the ring.
 */
export async function getDepositRangeProof({
  publicClient,
  bridge,
  index,
  fromBlock,
}: GetDepositRangeProofParameters): Promise<DepositRangeProof> {
  return buildDepositRangeProof(await readDepositQueue({ publicClient, bridge, fromBlock }), index);
}
