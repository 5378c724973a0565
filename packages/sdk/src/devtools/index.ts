/*
 * @obscuro/sdk/devtools: everything that is for development only. The dev keys (public: anyone
 * can compute them), the dev verifier's report building, the devnet's attestation and council
 * setups, the founding routine of a devnet, and anvil. Nothing here belongs in a network that
 * holds value; nothing outside this folder (but tests, examples, scripts and the CLI's `devnet`
 * command) may import the dev keys: eslint's `no-restricted-imports` enforces it.
 */
export { anvilBinaryPath, AnvilStartError, startAnvil } from "./anvil.ts";
export type { AnvilAccount, AnvilInstance, StartAnvilParameters } from "./anvil.ts";
export { buildDevReport } from "./buildDevReport.ts";
export type { BuildDevReportParameters, BuildDevReportReturnType } from "./buildDevReport.ts";
export { encodeDevReportBody, resolveDevReportFields } from "./encodeDevReportBody.ts";
export type { EncodeDevReportBodyParameters, EncodeDevReportBodyReturnType } from "./encodeDevReportBody.ts";
export {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
} from "./devKeys.ts";
export {
  buildDevRegistration,
  deployDevProtocol,
  DEV_ENCLAVE_MEASUREMENT,
  DEV_ENCLAVE_SIGNER,
  devAttestationSetup,
  devAuditors,
  devCouncilSettings,
  devCouncilSigners,
} from "./devSetup.ts";
export type { BuildDevRegistrationParameters, BuildDevRegistrationReturnType } from "./devSetup.ts";
export { DEV_GENESIS_HOST_ADDRESS, foundDevNetwork } from "./foundDevNetwork.ts";
export type { FoundDevNetworkParameters, FoundDevNetworkReturnType } from "./foundDevNetwork.ts";
export { DevNetworkAlreadyFoundedError, DevNetworkFoundingError } from "./errors.ts";
export type { FoundDevNetworkStep } from "./errors.ts";
export { startDevL1 } from "./startDevL1.ts";
export type { DevL1 } from "./startDevL1.ts";
