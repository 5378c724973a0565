export {
  ENCRYPTED_SECRET_LENGTH,
  MAX_HOST_ADDRESS_LENGTH,
  NETWORK_MANAGEMENT_DOMAIN,
  networkManagementTypes,
  NodeStatus,
} from "./constants.ts";
export {
  InvalidEncryptedSecretError,
  InvalidHostAddressError,
  InvalidSecretRequestError,
  InvalidStakeAmountError,
  NetworkCallRevertedError,
  NetworkNotInitializedError,
  NoEncryptedSecretError,
} from "./errors.ts";
export type { NetworkTransactionOptions, NetworkWallet } from "./internal.ts";
export { getInitializeNetworkTypedData } from "./getInitializeNetworkTypedData.ts";
export type {
  GetInitializeNetworkTypedDataParameters,
  GetInitializeNetworkTypedDataReturnType,
} from "./getInitializeNetworkTypedData.ts";
export { getSecretResponseTypedData } from "./getSecretResponseTypedData.ts";
export type {
  GetSecretResponseTypedDataParameters,
  GetSecretResponseTypedDataReturnType,
} from "./getSecretResponseTypedData.ts";
export { signInitializeNetwork } from "./signInitializeNetwork.ts";
export type { SignInitializeNetworkParameters, SignInitializeNetworkReturnType } from "./signInitializeNetwork.ts";
export { signSecretResponse } from "./signSecretResponse.ts";
export type { SignSecretResponseParameters, SignSecretResponseReturnType } from "./signSecretResponse.ts";
export { prepareNetworkInitialization } from "./prepareNetworkInitialization.ts";
export type {
  PrepareNetworkInitializationParameters,
  PrepareNetworkInitializationReturnType,
} from "./prepareNetworkInitialization.ts";
export { prepareSecretResponse } from "./prepareSecretResponse.ts";
export type { PrepareSecretResponseParameters, PrepareSecretResponseReturnType } from "./prepareSecretResponse.ts";
export { registerNode } from "./registerNode.ts";
export type { RegisterNodeParameters } from "./registerNode.ts";
export { initializeNetwork } from "./initializeNetwork.ts";
export type { InitializeNetworkParameters } from "./initializeNetwork.ts";
export { respondSecret } from "./respondSecret.ts";
export type { RespondSecretParameters } from "./respondSecret.ts";
export { cancelRegistration } from "./cancelRegistration.ts";
export type { CancelRegistrationParameters } from "./cancelRegistration.ts";
export { reattest } from "./reattest.ts";
export type { ReattestParameters } from "./reattest.ts";
export { deregisterNode } from "./deregisterNode.ts";
export type { DeregisterNodeParameters } from "./deregisterNode.ts";
export { recoverMasterSecret } from "./recoverMasterSecret.ts";
export type { RecoverMasterSecretParameters, RecoverMasterSecretReturnType } from "./recoverMasterSecret.ts";
export { getNode } from "./getNode.ts";
export type { GetNodeParameters, GetNodeReturnType } from "./getNode.ts";
export { getNetworkInfo } from "./getNetworkInfo.ts";
export type { GetNetworkInfoParameters, GetNetworkInfoReturnType } from "./getNetworkInfo.ts";
export { getSecretRequests } from "./getSecretRequests.ts";
export type { GetSecretRequestsParameters, SecretRequest } from "./getSecretRequests.ts";
export type { StakePermit } from "./authorizeStake.ts";
export { registerAggregator } from "./registerAggregator.ts";
export type { RegisterAggregatorParameters } from "./registerAggregator.ts";
export { increaseStake } from "./increaseStake.ts";
export type { IncreaseStakeParameters } from "./increaseStake.ts";
export { updateHostAddress } from "./updateHostAddress.ts";
export type { UpdateHostAddressParameters } from "./updateHostAddress.ts";
export { unstake } from "./unstake.ts";
export type { UnstakeParameters } from "./unstake.ts";
export { withdrawStake } from "./withdrawStake.ts";
export type { WithdrawStakeParameters } from "./withdrawStake.ts";
export { getAggregator } from "./getAggregator.ts";
export type { GetAggregatorParameters, GetAggregatorReturnType } from "./getAggregator.ts";
export { getHostAddresses } from "./getHostAddresses.ts";
export type { GetHostAddressesParameters, GetHostAddressesReturnType, HostEntry } from "./getHostAddresses.ts";
export { getAllHostAddresses } from "./getAllHostAddresses.ts";
export type { GetAllHostAddressesParameters } from "./getAllHostAddresses.ts";
