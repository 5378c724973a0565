import type { Address, Hash } from "viem";
import { ensureStakeAllowance } from "./authorizeStake.ts";
import { checkAmount, sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface IncreaseStakeParameters extends NetworkTransactionOptions {
  /** The aggregator's operator. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  /** OBX wei to add (approved first if the allowance is short). */
  amount: bigint;
}

/**
 * Adds to the operator's stake (e.g. back above `minStake` after a partial slash).
 * @throws {InvalidStakeAmountError} when the amount is not positive (nothing is sent).
 * @throws {NetworkCallRevertedError} (`NetworkManagement_NotAggregator`, …).
 */
export async function increaseStake(parameters: IncreaseStakeParameters): Promise<Hash> {
  const { walletClient, networkManagement, amount } = parameters;
  checkAmount(amount);
  await ensureStakeAllowance(walletClient, networkManagement, amount);
  return sendNetworkTransaction(walletClient, {
    networkManagement,
    functionName: "increaseStake",
    args: [amount],
    gas: parameters.gas,
  });
}
