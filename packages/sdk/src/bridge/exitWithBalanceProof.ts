import type { Account, Address, Chain, Hash, Hex, Transport, WalletClient } from "viem";
import { bridgeManagementAbi } from "../generated/index.ts";
import type { BalanceLeaf } from "./merkleTrees.ts";

export interface ExitWithBalanceProofParameters {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  bridge: Address;
  /** The account's entry in the frozen rollup's ledger; the asset goes to `leaf.account`. */
  leaf: BalanceLeaf;
  /** Its proof in the frozen ledger tree (`buildLedgerTree(...).proof(leaf)`). */
  proof: readonly Hex[];
}

/** In exit mode, pays an account its balance (or ERC721) in the frozen ledger. */
export async function exitWithBalanceProof(parameters: ExitWithBalanceProofParameters): Promise<Hash> {
  const { walletClient, bridge, leaf, proof } = parameters;
  return walletClient.writeContract({
    address: bridge,
    abi: bridgeManagementAbi,
    functionName: "exitWithBalanceProof",
    args: [leaf, proof],
    chain: walletClient.chain,
    account: walletClient.account,
  });
}
