import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";
import quietDependencies from "./hardhat/quiet-dependencies.ts";

const require = createRequire(import.meta.url);
const solc = {
  version: require("solc/package.json").version as string,
  path: require.resolve("solc/soljson.js"),
};

export default defineConfig({
  plugins: [hardhatToolboxViem, quietDependencies],
  solidity: {
    // Dependency contracts the SDK deploys (their artifacts are exported with ours).
    npmFilesToBuild: ["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol"],
    profiles: {
      default: { ...solc, settings: { evmVersion: "osaka" } },
      production: {
        ...solc,
        settings: { evmVersion: "osaka", viaIR: true, optimizer: { enabled: true, runs: 200 } },
      },
    },
  },
  paths: { sources: "src", tests: { solidity: "test", nodejs: "test" } },
  test: {
    solidity: {
      // Deterministic by default (Hardhat's fixed seed); CI depth is set per test where it matters.
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
      // Shared test vectors written by the SDK, read by Solidity tests.
      fsPermissions: { readDirectory: ["test/bridge/vectors"] },
    },
  },
  networks: {
    // The test build has no optimizer, so large modules exceed EIP-170 here; the production build's
    // sizes are what `npm run gas:check` limits.
    default: { type: "edr-simulated", chainType: "l1", hardfork: "osaka", allowUnlimitedContractSize: true },
  },
});
