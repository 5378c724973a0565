import { deployDevProtocol, startAnvil, type AnvilInstance } from "@obscuro/sdk/devtools";
import { createPublicClient, createTestClient, createWalletClient, http, type Chain, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasContext, GasRun } from "./types.ts";
import { waitForEmptyPool, waitForReceipt } from "./wait.ts";

/**
 * Time anvil may take to answer one request. viem's default is 10 s; anvil checks a blob
 * transaction's KZG proofs before it answers `eth_sendRawTransaction`, which took 4 s on an idle
 * 2-core machine and over 10 s with `npm test` running beside the harness.
 */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Clients for one scenario. Their `waitForTransactionReceipt`, which the SDK calls internally, is
 * the harness's bounded {@link waitForReceipt}, so that every receipt wait, the scenario's own and
 * the SDK's, gives up with the scenario's name.
 */
function scenarioClients(anvil: AnvilInstance, chain: Chain, scenario: string) {
  const transport = http(anvil.rpcUrl, { timeout: REQUEST_TIMEOUT_MS });
  const base = createPublicClient({ chain, transport });
  const wait = (hash: Hex) => waitForReceipt(base, hash, scenario);
  const bounded = () => ({ waitForTransactionReceipt: ({ hash }: { hash: Hex }) => wait(hash) });
  return {
    waitForReceipt: wait,
    publicClient: base.extend(bounded),
    testClient: createTestClient({ chain, transport, mode: "anvil" }),
    wallets: anvil.accounts.map((a) =>
      createWalletClient({ account: privateKeyToAccount(a.privateKey), chain, transport }).extend(bounded),
    ),
  };
}

/**
 * Starts anvil, deploys the production build with the SDK (the deployer, `wallets[0]`, holding
 * governance and the council so that scenarios can change settings directly), runs `body` with the
 * deployment and stops anvil whatever happens. `body` runs each scenario with `run.isolated`.
 */
export async function withGasContext<T>(
  options: { hardfork?: "prague" | "osaka" },
  body: (run: GasRun) => Promise<T>,
): Promise<T> {
  const anvil = await startAnvil({ accounts: 10, ...(options.hardfork ? { hardfork: options.hardfork } : {}) });
  try {
    const chain: Chain = {
      id: anvil.chainId,
      name: "anvil",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    };
    const { publicClient, testClient, wallets } = scenarioClients(anvil, chain, "deployment");
    const manifest = await deployDevProtocol(wallets[0]!, {
      governance: wallets[0]!.account.address,
      council: wallets[0]!.account.address,
    });
    await waitForEmptyPool(publicClient, "deployment");
    return await body({
      anvil,
      manifest,
      async isolated(scenario, fn) {
        const snapshot = await testClient.snapshot();
        const context: GasContext = { anvil, manifest, ...scenarioClients(anvil, chain, scenario) };
        const result = await fn(context);
        await waitForEmptyPool(publicClient, scenario);
        await testClient.revert({ id: snapshot });
        return result;
      },
    });
  } finally {
    await anvil.stop();
  }
}
