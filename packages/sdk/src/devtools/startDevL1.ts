import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { defineObscuroL1Chain } from "../chain/obscuroL1.ts";
import type { DeployProtocolParameters } from "../deploy/deployProtocol.ts";
import { publicActionsObscuroL1 } from "../decorators/publicL1.ts";
import { walletActionsObscuroL1 } from "../decorators/walletL1.ts";
import { startAnvil, type StartAnvilParameters } from "./anvil.ts";
import { deployDevProtocol } from "./devSetup.ts";

/**
 * DEV ONLY. A fresh anvil with the protocol deployed by `deployDevProtocol` (the deployer, account 0, holds
 * governance and the council unless `deploy` says otherwise), and decorated clients on the
 * deployment's chain: what every anvil test starts from.
 */
export async function startDevL1(
  options: { anvil?: StartAnvilParameters; deploy?: Partial<DeployProtocolParameters> } = {},
) {
  const anvil = await startAnvil(options.anvil);
  try {
    // Generous: under load anvil takes seconds to check a blob transaction's KZG proofs.
    const transport = http(anvil.rpcUrl, { timeout: 60_000 });
    const base = { ...foundry, id: anvil.chainId };
    const deployerAccount = privateKeyToAccount(anvil.accounts[0]!.privateKey);
    const deployer = createWalletClient({ account: deployerAccount, chain: base, transport });
    const manifest = await deployDevProtocol(deployer, {
      governance: deployerAccount.address,
      council: deployerAccount.address,
      ...options.deploy,
    });
    const chain = defineObscuroL1Chain({ manifest, chain: base, rpcUrl: anvil.rpcUrl });
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 }).extend(
      publicActionsObscuroL1(),
    );
    const testClient = createTestClient({ chain, transport, mode: "anvil" });
    /** A decorated wallet client of anvil's account `i` (0: the deployer, treasury, governance and council). */
    const wallet = (i: number) =>
      createWalletClient({
        account: privateKeyToAccount(anvil.accounts[i]!.privateKey),
        chain,
        transport,
        pollingInterval: 100,
      }).extend(walletActionsObscuroL1());
    /** Waits for a transaction and fails unless it succeeded. */
    const mined = async (hash: Hash | Promise<Hash>): Promise<TransactionReceipt> => {
      const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash, timeout: 30_000 });
      if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
      return receipt;
    };
    return { anvil, chain, manifest, publicClient, testClient, wallet, mined, stop: () => anvil.stop() };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

export type DevL1 = Awaited<ReturnType<typeof startDevL1>>;
