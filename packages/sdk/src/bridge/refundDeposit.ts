import type { Account, Address, Chain, Hash, Transport, WalletClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { DepositRangeProof } from "./buildDepositRangeProof.ts";

export interface RefundDepositParameters {
  /** Any account: the deposit goes back to its depositor. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  bridge: Address;
  index: bigint;
  /** From `getDepositRangeProof` or `buildDepositRangeProof`. */
  proof: DepositRangeProof;
}

/** In exit mode, returns a deposit the frozen ledger did not consume to its depositor. */
export async function refundDeposit({ walletClient, bridge, index, proof }: RefundDepositParameters): Promise<Hash> {
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "refundDeposit",
    args: [index, proof],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
