import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

/*
 * Hardhat 3's sample project (`npx hardhat --init`, node:test + viem), unchanged but for the
 * compiler, the solc-js build from npm (this machine cannot download one), and the network: the
 * Obscuro L2 is one more HTTP network, as the template's `sepolia`, whose URL is a gateway token URL.
 * For Hardhat Ignition, one setting more: the L2 makes a block only when there is something to
 * sequence, so Ignition's default of 5 confirmations (made for chains with a block every 12 s)
 * would wait for blocks nobody asks for; 1 is what Ignition itself uses on an automining network.
 */
const require = createRequire(import.meta.url);
const solc = { version: require("solc/package.json").version as string, path: require.resolve("solc/soljson.js") };

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
    profiles: {
      default: { ...solc, settings: { evmVersion: "prague" } },
    },
  },
  ignition: { requiredConfirmations: 1 },
  networks: {
    obscuro: {
      type: "http",
      chainType: "l1",
      url: configVariable("OBSCURO_RPC_URL"),
      accounts: [configVariable("OBSCURO_PRIVATE_KEY")],
    },
  },
});
