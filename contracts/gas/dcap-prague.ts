/**
 * The DCAP gas scenarios on a chain without the P-256 precompile (anvil at prague): every P-256
 * verification runs OpenZeppelin's Solidity fallback. Not part of the snapshot (which is osaka);
 * the numbers are recorded in docs/attestation-dcap.md.
 *
 *   npm run build && node contracts/gas/dcap-prague.ts
 */
import { deployProtocol } from "@obscuro/sdk";
import { startAnvil } from "@obscuro/sdk/devtools";
import { createPublicClient, createTestClient, createWalletClient, http, type Chain } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { dcapScenarios } from "./scenarios/dcap.ts";
import type { GasContext } from "./types.ts";

const anvil = await startAnvil({ accounts: 10, hardfork: "prague" });
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
  const manifest = await deployProtocol({
    walletClient: wallets[0]!,
    publicClient,
    governance: wallets[0]!.account.address,
    council: wallets[0]!.account.address,
  });
  const context: GasContext = { anvil, manifest, publicClient, testClient, wallets };
  for (const scenario of dcapScenarios) {
    const snapshot = await testClient.snapshot();
    const hash = await scenario.run(context);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    console.log(`  ${scenario.name.padEnd(56)} ${String(receipt.gasUsed).padStart(10)} gas  ${receipt.status}`);
    await testClient.revert({ id: snapshot });
  }
} finally {
  await anvil.stop();
}
