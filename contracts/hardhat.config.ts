import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";
import quietDependencies from "./hardhat/quiet-dependencies.ts";
import { viaIrOverrides } from "./hardhat/via-ir-overrides.ts";

const require = createRequire(import.meta.url);
const solc = {
  version: require("solc/package.json").version as string,
  path: require.resolve("solc/soljson.js"),
};
const viaIr = { ...solc, settings: { evmVersion: "osaka", viaIR: true, optimizer: { enabled: true, runs: 200 } } };
const productionSettings = {
  viaIR: true,
  optimizer: { enabled: true, runs: 200 },
  // Storage layouts, for the upgrade-safety check (scripts/storage-layout.ts).
  outputSelection: { "*": { "*": ["storageLayout"] } },
};
const projectRoot = dirname(fileURLToPath(import.meta.url));
// The L2 system contracts run on the L2, whose EVM is Prague (docs/l2-chain.md): they are built for
// it in every profile, so no Osaka-only opcode can reach them.
const l2Sources = ["src/l2"];

export default defineConfig({
  plugins: [hardhatToolboxViem, quietDependencies],
  solidity: {
    // Deployed as they are (not inherited), so they need artifacts of their own.
    npmFilesToBuild: ["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol"],
    profiles: {
      default: {
        compilers: [{ ...solc, settings: { evmVersion: "osaka" } }],
        // DCAP (OpenZeppelin P256) needs viaIR + optimizer; see hardhat/via-ir-overrides.ts.
        overrides: {
          ...viaIrOverrides(projectRoot, ["src/attestation/dcap", "test/attestation/dcap/harness"], viaIr),
          ...viaIrOverrides(projectRoot, l2Sources, { ...solc, settings: { evmVersion: "prague" } }),
        },
      },
      production: {
        compilers: [{ ...solc, settings: { evmVersion: "osaka", ...productionSettings } }],
        overrides: viaIrOverrides(projectRoot, l2Sources, {
          ...solc,
          settings: { evmVersion: "prague", ...productionSettings },
        }),
      },
    },
  },
  paths: { sources: "src", tests: { solidity: "test", nodejs: "test" } },
  test: {
    solidity: {
      // Deterministic by default (Hardhat's fixed seed); CI depth is set per test where it matters.
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
      // Read by Solidity tests (vm.readFile): the real Intel quotes and collateral, and the test
      // vectors the TypeScript SDK writes or also checks.
      fsPermissions: { readDirectory: ["../test-fixtures", "test/attestation/vectors", "test/bridge/vectors"] },
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
