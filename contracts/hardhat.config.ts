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
    // Deployed as they are (not inherited), so they need artifacts of their own.
    npmFilesToBuild: ["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol"],
    profiles: {
      default: { ...solc, settings: { evmVersion: "osaka" } },
      production: {
        ...solc,
        settings: {
          evmVersion: "osaka",
          viaIR: true,
          optimizer: { enabled: true, runs: 200 },
          // Storage layouts, for the upgrade-safety check (scripts/storage-layout.ts).
          outputSelection: { "*": { "*": ["storageLayout"] } },
        },
      },
    },
  },
  paths: { sources: "src", tests: { solidity: "test", nodejs: "test" } },
  test: {
    solidity: {
      // Deterministic by default (Hardhat's fixed seed); CI depth is set per test where it matters.
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
      // Shared test vectors that the TypeScript SDK writes or also checks (vm.readFile).
      fsPermissions: { readDirectory: ["test/attestation/vectors", "test/bridge/vectors"] },
    },
  },
  networks: {
    default: {
      type: "edr-simulated",
      chainType: "l1",
      hardfork: "osaka",
      // Tests deploy the unoptimized build, about twice the size of the production one; the
      // EIP-170 limit is enforced on the production build by `npm run gas:check`.
      allowUnlimitedContractSize: true,
    },
  },
});
