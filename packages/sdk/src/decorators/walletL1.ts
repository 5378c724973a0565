import type { Account, Chain, Client, Transport } from "viem";
import { depositEth, type DepositEthParameters, type DepositEthReturnType } from "../actions/bridge/depositEth.ts";

/** The protocol's transaction actions, bound to a wallet client: `client.depositEth({ … })`. */
export interface WalletActionsObscuroL1 {
  /** {@link depositEth} */
  depositEth: (parameters: DepositEthParameters) => Promise<DepositEthReturnType>;
}

/**
 * Adds the protocol's transaction actions to a wallet client:
 * ```ts
 * const wallet = createWalletClient({ account, chain: defineObscuroL1Chain({ manifest }), transport: http() })
 *   .extend(walletActionsObscuroL1());
 * await wallet.depositEth({ to: account.address, amount: parseEther("1") });
 * ```
 */
export function walletActionsObscuroL1() {
  return <transport extends Transport, chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<transport, chain, account>,
  ): WalletActionsObscuroL1 => ({
    depositEth: (parameters) => depositEth(client, parameters),
  });
}
