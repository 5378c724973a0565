import type { Address, Hash } from "viem";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface UnstakeParameters extends NetworkTransactionOptions {
  /** The aggregator's operator. */
  walletClient: NetworkWallet;
  networkManagement: Address;
}

/**
 * Leaves: the whole stake unbonds for `unbondingPeriod` (still slashable), the operator leaves
 * the host list and stops being a publisher at once. Withdraw it later with `withdrawStake`.
 * @throws {NetworkCallRevertedError} (`NetworkManagement_NotAggregator`).
 */
export async function unstake(parameters: UnstakeParameters): Promise<Hash> {
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "unstake",
    args: [],
    gas: parameters.gas,
  });
}
