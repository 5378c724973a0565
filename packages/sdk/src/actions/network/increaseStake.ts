import type { Account, Address, Chain, Client, Hash, ReadContractErrorType, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { InvalidStakeAmountError } from "../../errors/network.ts";
import { assertStakeAmount } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";
import { ensureStakeAllowance } from "../../utils/authorizeStake.ts";

export interface IncreaseStakeParameters extends TransactionOverrides {
  /** OBX wei to add (approved first if the allowance is short). */
  amount: bigint;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
  /** The stake token. Default: the chain's `obscuroToken`. */
  stakeTokenAddress?: Address | undefined;
}

export type IncreaseStakeReturnType = Hash;

export type IncreaseStakeErrorType =
  InvalidStakeAmountError | ProtocolContractNotFoundError | ReadContractErrorType | SendProtocolTransactionErrorType;

/**
 * Adds to the sender's stake (e.g. back above `minStake` after a partial slash).
 * @throws {InvalidStakeAmountError} when the amount is not positive (nothing is sent).
 * @throws {ContractCallRevertedError} (`NetworkManagement_NotAggregator`, `ERC20InsufficientBalance`, …).
 * @example
 * await increaseStake(operatorClient, { amount: parseEther("500") });
 */
export async function increaseStake(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: IncreaseStakeParameters,
): Promise<IncreaseStakeReturnType> {
  const { amount, networkManagementAddress, stakeTokenAddress, ...overrides } = parameters;
  assertStakeAmount(amount);
  const call = protocolCall(client, "networkManagement", networkManagementAddress);
  await ensureStakeAllowance(client, call.address, amount, { account: overrides.account, stakeTokenAddress });
  return sendProtocolTransaction(client, { ...overrides, ...call, functionName: "increaseStake", args: [amount] });
}
