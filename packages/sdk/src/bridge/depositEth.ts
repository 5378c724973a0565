import { type Account, type Address, type Chain, type Hash, type Transport, type WalletClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import { requireDeposit } from "./requireDeposit.ts";

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

export interface DepositEthParameters {
  walletClient: Wallet;
  bridge: Address;
  /** The L2 recipient. */
  to: Address;
  /** Wei to deposit. */
  amount: bigint;
}

/**
 * Deposits ETH to `to` on L2. Returns the transaction hash; the deposit is in the queue once the
 * transaction is mined, and credited on L2 by the first rollup built on a later L1 block.
 * @throws {InvalidDepositError} for a zero amount or recipient (nothing is sent).
 */
export async function depositEth({ walletClient, bridge, to, amount }: DepositEthParameters): Promise<Hash> {
  requireDeposit(to, amount);
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "depositETH",
    args: [to],
    value: amount,
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
