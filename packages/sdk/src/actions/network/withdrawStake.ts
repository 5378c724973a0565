import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface WithdrawStakeParameters extends TransactionOverrides {
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type WithdrawStakeReturnType = Hash;

export type WithdrawStakeErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Withdraws the operator's unbonded stake once the unbonding period is over.
 * @throws {ContractCallRevertedError} (`NetworkManagement_StillUnbonding`, `NetworkManagement_NothingToWithdraw`).
 * @example
 * await withdrawStake(operatorClient, {});
 */
export async function withdrawStake(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WithdrawStakeParameters = {},
): Promise<WithdrawStakeReturnType> {
  const { networkManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "withdrawStake",
    args: [],
  });
}
