import config from "./hardhat.config.ts";

/**
 * The deployable build: the `production` profile (optimizer + viaIR) written to its own
 * artifacts folder, so it never fights with the test build over `artifacts/`.
 */
export default {
  ...config,
  paths: { ...config.paths, artifacts: "artifacts-production", cache: "cache-production" },
};
