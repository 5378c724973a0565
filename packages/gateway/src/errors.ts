import { BaseError } from "@obscuro/sdk";

/** The gateway's configuration is invalid (the field and why in `details`). */
export class GatewayConfigError extends BaseError {
  readonly code = "GATEWAY_CONFIG_INVALID";
}

/** The node cannot be reached, or answered something that is not JSON-RPC. */
export class NodeUnreachableError extends BaseError {
  readonly code = "NODE_UNREACHABLE";
}

/** The node is up but does not serve the network yet (its enclave holds no secret). */
export class NodeNotReadyError extends BaseError {
  readonly code = "NODE_NOT_READY";
}

/**
 * What the node describes is not the network L1 knows: a network public key whose address is not
 * L1's network key, or another L1 chain. The gateway refuses to encrypt anything to it.
 */
export class NetworkMismatchError extends BaseError {
  readonly code = "NETWORK_MISMATCH";
}

/** The gateway secret file is missing, unreadable, malformed or readable by others. */
export class GatewaySecretError extends BaseError {
  readonly code = "GATEWAY_SECRET_INVALID";
}

/** A stored viewing key does not open with the gateway secret (another secret, or tampered storage). */
export class SealedRecordError extends BaseError {
  readonly code = "SEALED_RECORD_INVALID";
}

/** A registration step the gateway refused (unknown token, bad signature, too many accounts). */
export class RegistrationError extends BaseError {
  readonly code = "REGISTRATION_REFUSED";
  /** The HTTP status the gateway answers with. */
  readonly status: number;
  constructor(shortMessage: string, status: number, details?: string) {
    super(shortMessage, details === undefined ? {} : { details });
    this.status = status;
  }
}

/** A JSON-RPC error to send to the wallet: the code (EIP-1474/EIP-1193), message and data. */
export class JsonRpcError extends Error {
  readonly rpcCode: number;
  readonly data: unknown;
  constructor(rpcCode: number, message: string, data?: unknown) {
    super(message);
    this.rpcCode = rpcCode;
    this.data = data;
  }
}

/** The JSON-RPC error codes the gateway answers with. */
export const RpcCode = {
  Parse: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  /** A server-side refusal (a refused transaction, an unknown filter). */
  Server: -32000,
  /** The node is not reachable or not ready. */
  ResourceUnavailable: -32002,
  /** EIP-1193: the request needs an authenticated account (or names another account). */
  Unauthorized: 4100,
} as const;
