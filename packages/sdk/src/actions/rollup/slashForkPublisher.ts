import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { RollupHeader } from "../../types/rollup.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface SlashForkPublisherParameters extends TransactionOverrides {
  /** The header of a rollup at least `slashDepth` deep on a dead branch that lost to the canonical chain. */
  header: RollupHeader;
  /** Default: the chain's `rollupSlashing`. */
  rollupSlashingAddress?: Address | undefined;
}

export type SlashForkPublisherReturnType = Hash;

export type SlashForkPublisherErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Slashes `forkSlashAmount` from the publisher of a rollup on a dead fork (the fork heuristic);
 * the sender, whoever it is, gets `reporterShareBps` of it. Each such rollup is slashed once.
 * @throws {ContractCallRevertedError} when the rollup is not slashable (`RollupManagement_NotSlashable`,
 *   `RollupManagement_UnknownRollup`) or the publisher has no stake left (`NetworkManagement_…`).
 * @example
 * await slashForkPublisher(walletClient, { header: deadBranchHeader });
 */
export async function slashForkPublisher(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SlashForkPublisherParameters,
): Promise<SlashForkPublisherReturnType> {
  const { header, rollupSlashingAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupSlashing", rollupSlashingAddress),
    functionName: "slashForkPublisher",
    args: [header],
  });
}
