import type { Address, Chain, Client, Transport } from "viem";
import type { DepositCheckpointNotFoundError } from "../../errors/bridge.ts";
import type { DepositRangeProof } from "../../types/bridge.ts";
import { buildDepositRangeProof } from "../../utils/buildDepositRangeProof.ts";
import { readDepositQueue, type ReadDepositQueueErrorType } from "./readDepositQueue.ts";

export interface GetDepositRangeProofParameters {
  /** The deposit to prove. */
  index: bigint;
  /** Where to start reading logs. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type GetDepositRangeProofReturnType = DepositRangeProof;

export type GetDepositRangeProofErrorType = DepositCheckpointNotFoundError | ReadDepositQueueErrorType;

/**
 * Builds the proof `refundDeposit` needs for deposit `index` (see `buildDepositRangeProof`).
 * Reads the whole queue; to prove many deposits, read it once with `readDepositQueue` and call
 * `buildDepositRangeProof` for each.
 * @throws {DepositCheckpointNotFoundError} when the logs have no such deposit, or the bridge is
 *   not frozen and no checkpoint before the deposit is left in the ring.
 * @example
 * const proof = await getDepositRangeProof(publicClient, { index: 42n });
 */
export async function getDepositRangeProof(
  client: Client<Transport, Chain | undefined>,
  { index, ...parameters }: GetDepositRangeProofParameters,
): Promise<GetDepositRangeProofReturnType> {
  return buildDepositRangeProof(await readDepositQueue(client, parameters), index);
}
