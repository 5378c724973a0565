import type { Address, Chain, Client, GetContractEventsErrorType, ReadContractErrorType, Transport } from "viem";
import type { DepositCheckpointNotFoundError } from "../../errors/bridge.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { getDepositsConsumedAtBlock, type DepositsConsumedAt } from "../../utils/getDepositsConsumedAtBlock.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";

export interface GetDepositsConsumedAtParameters {
  /** The L1 block a rollup is built on (in the past). */
  l1BlockNumber: bigint;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type GetDepositsConsumedAtReturnType = DepositsConsumedAt;

export type GetDepositsConsumedAtErrorType =
  DepositCheckpointNotFoundError | ProtocolContractNotFoundError | ReadContractErrorType | GetContractEventsErrorType;

/**
 * What a rollup built on `l1BlockNumber` must commit to: the deposit count and accumulator at the
 * end of that block (the header's `depositCount` and `depositAcc`), and the checkpoint hint
 * `submitRollup` sends so that a deposit landing ahead of the rollup cannot make it revert.
 * @throws {DepositCheckpointNotFoundError} when no checkpoint log covers the block.
 * @example
 * const { depositCount, depositAcc } = await getDepositsConsumedAt(publicClient, { l1BlockNumber: block.number });
 */
export async function getDepositsConsumedAt(
  client: Client<Transport, Chain | undefined>,
  parameters: GetDepositsConsumedAtParameters,
): Promise<GetDepositsConsumedAtReturnType> {
  const bridge = getProtocolAddress(client, "bridgeManagement", parameters.bridgeManagementAddress);
  return getDepositsConsumedAtBlock(client, bridge, parameters.l1BlockNumber);
}
