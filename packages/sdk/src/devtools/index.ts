export { anvilBinaryPath, AnvilStartError, startAnvil } from "./anvil.ts";
export type { AnvilAccount, AnvilInstance, StartAnvilParameters } from "./anvil.ts";
export {
  DEV_ENCLAVE_MEASUREMENT,
  DEV_ENCLAVE_SIGNER,
  DEV_GENESIS_HOST_ADDRESS,
  foundDevNetwork,
} from "./foundDevNetwork.ts";
export type { FoundDevNetworkParameters, FoundDevNetworkReturnType } from "./foundDevNetwork.ts";
export { DevNetworkAlreadyFoundedError, DevNetworkFoundingError } from "./errors.ts";
export type { FoundDevNetworkStep } from "./errors.ts";
