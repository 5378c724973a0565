/** What the host needs of the enclave: its RPC protocol and a client for it (and nothing trusted). */
export { enclaveProtocol } from "./protocol.ts";
export type { EnclaveProtocol, ProcessedRollup } from "./protocol.ts";
export { RpcClient } from "./client.ts";
export type { RpcClientOptions } from "./client.ts";
export { EnclaveRpcError } from "./errors.ts";
export { EnclaveConfigSchema } from "./config.ts";
export type { EnclaveConfig } from "./config.ts";
