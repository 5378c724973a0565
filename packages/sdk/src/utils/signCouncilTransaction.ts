import type { Account, Chain, LocalAccount, Transport, WalletClient } from "viem";
import type { CouncilSignature, CouncilTransaction } from "../types/council.ts";
import { getCouncilTransactionTypedData } from "./getCouncilTransactionTypedData.ts";

export type SignCouncilTransactionParameters = CouncilTransaction & {
  /** The council owner: a local account, or a wallet client with an account (e.g. a hardware wallet). */
  owner: LocalAccount | WalletClient<Transport, Chain | undefined, Account>;
};

export type SignCouncilTransactionReturnType = CouncilSignature;

/**
 * Signs a council Safe transaction as one of its owners, offline: collect `threshold` of these and
 * give them to `executeCouncilAction({ to, data, signatures })` while the Safe's nonce is still
 * `nonce` (`getCouncilSafe` reads it).
 */
export async function signCouncilTransaction(
  parameters: SignCouncilTransactionParameters,
): Promise<SignCouncilTransactionReturnType> {
  const { owner, ...transaction } = parameters;
  const typedData = getCouncilTransactionTypedData(transaction);
  if ("signTypedData" in owner && "address" in owner) {
    return { signer: owner.address, signature: await owner.signTypedData(typedData) };
  }
  return {
    signer: owner.account.address,
    signature: await owner.signTypedData({ ...typedData, account: owner.account }),
  };
}
