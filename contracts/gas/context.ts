import { deployDevProtocol, startAnvil } from "@obscuro/sdk/devtools";
import { createPublicClient, createTestClient, createWalletClient, http, type Chain } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasContext } from "./types.ts";

/**
 * Starts anvil, deploys the production build with the SDK (the deployer, `wallets[0]`, holding
 * governance and the council so that scenarios can change settings directly), runs `body` with the
 * context and stops anvil whatever happens.
 */
export async function withGasContext<T>(
  options: { hardfork?: "prague" | "osaka" },
  body: (context: GasContext) => Promise<T>,
): Promise<T> {
  const anvil = await startAnvil({ accounts: 10, ...(options.hardfork ? { hardfork: options.hardfork } : {}) });
  try {
    const chain: Chain = {
      id: anvil.chainId,
      name: "anvil",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    };
    const transport = http(anvil.rpcUrl);
    const publicClient = createPublicClient({ chain, transport });
    const testClient = createTestClient({ chain, transport, mode: "anvil" });
    const wallets = anvil.accounts.map((a) =>
      createWalletClient({ account: privateKeyToAccount(a.privateKey), chain, transport }),
    );
    const manifest = await deployDevProtocol(wallets[0]!, {
      governance: wallets[0]!.account.address,
      council: wallets[0]!.account.address,
    });
    return await body({ anvil, manifest, publicClient, testClient, wallets });
  } finally {
    await anvil.stop();
  }
}
