/*
 * @obscuro/gateway: the gateway on a wallet's side (docs/gateway.md). Standard Ethereum JSON-RPC over
 * HTTP and WebSocket for viem, ethers, Hardhat and wallets; viewing keys registered per token
 * (EIP-712), sealed at rest; raw transactions encrypted to the network key; private reads as
 * encrypted private requests signed by the viewing key (docs/privacy.md).
 */
export { startGateway } from "./startGateway.ts";
export type { Gateway } from "./startGateway.ts";
export { gatewayConfigSchema, parseGatewayConfig } from "./config.ts";
export type { GatewayConfig, GatewayConfigInput } from "./config.ts";
export {
  GatewayConfigError,
  GatewaySecretError,
  JsonRpcError,
  NetworkMismatchError,
  NodeNotReadyError,
  NodeUnreachableError,
  RegistrationError,
  RpcCode,
  SealedRecordError,
} from "./errors.ts";
export type { VerifiedNetwork } from "./node/network.ts";
export { viewingKeyTypedData } from "./registration.ts";
export { GATEWAY_VERSION } from "./rpc/WalletRpc.ts";
export * from "./client/index.ts";
