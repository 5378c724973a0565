import { defineObscuroL1Chain, publicActionsObscuroL1, walletActionsObscuroL1 } from "@obscuro/sdk";
import { createPublicClient, createWalletClient, http } from "viem";
import type { GasContext } from "../types.ts";

/** The deployment's chain (`defineObscuroL1Chain`): actions find every address on it. */
function chainOf(context: GasContext) {
  return defineObscuroL1Chain({
    manifest: context.manifest,
    chain: context.publicClient.chain!,
    rpcUrl: context.anvil.rpcUrl,
  });
}

/** `context.wallets[i]` as a wallet client on the deployment's chain, with the protocol's actions. */
export function protocolWallet(context: GasContext, i: number) {
  return createWalletClient({
    account: context.wallets[i]!.account,
    chain: chainOf(context),
    transport: http(context.anvil.rpcUrl),
  }).extend(walletActionsObscuroL1());
}

/** A public client on the deployment's chain, with the protocol's reads. */
export function protocolReader(context: GasContext) {
  return createPublicClient({ chain: chainOf(context), transport: http(context.anvil.rpcUrl) }).extend(
    publicActionsObscuroL1(),
  );
}
