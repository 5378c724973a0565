import type { Account, Address, Chain, Hash, Hex, Transport, WalletClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { RollupHeader } from "../rollup/rollupHeader.ts";
import type { Withdrawal } from "./merkleTrees.ts";

export interface FinalizeWithdrawalParameters {
  /** Any account: relaying pays the recipient named in the withdrawal, not the sender. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  bridge: Address;
  /** The header of the final rollup whose `withdrawalRoot` commits to the withdrawal. */
  header: RollupHeader;
  withdrawal: Withdrawal;
  /** The withdrawal's proof in that tree (`buildWithdrawalTree(...).proof(withdrawal)`). */
  proof: readonly Hex[];
}

/** Pays an L2 withdrawal from the bridge once its rollup is final. */
export async function finalizeWithdrawal(parameters: FinalizeWithdrawalParameters): Promise<Hash> {
  const { walletClient, bridge, header, withdrawal, proof } = parameters;
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "finalizeWithdrawal",
    args: [header, withdrawal, proof],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
