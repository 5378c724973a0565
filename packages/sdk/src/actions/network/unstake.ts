import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface UnstakeParameters extends TransactionOverrides {
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type UnstakeReturnType = Hash;

export type UnstakeErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Leaves, from the aggregator's operator: the whole stake unbonds for `unbondingPeriod` (still
 * slashable), the operator leaves the host list and stops being a publisher at once. Withdraw it
 * later with `withdrawStake`.
 * @throws {ContractCallRevertedError} (`NetworkManagement_NotAggregator`).
 * @example
 * await unstake(operatorClient, {});
 */
export async function unstake(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: UnstakeParameters = {},
): Promise<UnstakeReturnType> {
  const { networkManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "unstake",
    args: [],
  });
}
