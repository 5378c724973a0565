export { L2_BRIDGE_ADDRESS, L2_CHAIN_ID, L2_SYSTEM_ADDRESS } from "./constants.ts";
export {
  computeWrappedTokenAddress,
  NotAWrappedAssetError,
  wrappedTokenInitCode,
} from "./computeWrappedTokenAddress.ts";
export type { ComputeWrappedTokenAddressParameters } from "./computeWrappedTokenAddress.ts";
