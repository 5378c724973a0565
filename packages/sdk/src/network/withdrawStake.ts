import type { Address, Hash } from "viem";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface WithdrawStakeParameters extends NetworkTransactionOptions {
  /** The operator whose stake unbonded. */
  walletClient: NetworkWallet;
  networkManagement: Address;
}

/**
 * Withdraws the operator's unbonded stake once the unbonding period is over.
 * @throws {NetworkCallRevertedError} (`NetworkManagement_StillUnbonding`, `…_NothingToWithdraw`).
 */
export async function withdrawStake(parameters: WithdrawStakeParameters): Promise<Hash> {
  return sendNetworkTransaction(parameters.walletClient, {
    networkManagement: parameters.networkManagement,
    functionName: "withdrawStake",
    args: [],
    gas: parameters.gas,
  });
}
