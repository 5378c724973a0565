import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

/*
 * Hardhat 3's sample project (`npx hardhat --init`, node:test + viem), unchanged but for two things:
 * the compiler is the solc-js build from npm (this machine cannot download one), and the Obscuro
 * L2 is one more HTTP network, as the template's `sepolia`: its URL is a gateway token URL.
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
  networks: {
    obscuro: {
      type: "http",
      chainType: "l1",
      url: configVariable("OBSCURO_RPC_URL"),
      accounts: [configVariable("OBSCURO_PRIVATE_KEY")],
    },
  },
});
