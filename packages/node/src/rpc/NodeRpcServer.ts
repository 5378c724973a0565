import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Address, Hex } from "viem";
import type { Logger } from "pino";
import type { EnclaveProtocol, RpcClient } from "@obscuro/enclave/rpc";
import { EnclaveRpcError } from "@obscuro/enclave/rpc";

/** What the node tells wallets' gateways about the network it serves. */
export interface NetworkDescription {
  l1ChainId: number;
  l2ChainId: bigint;
  /** The network key's address, as L1 holds it (a gateway checks the public key against it). */
  networkKey: Address;
  /** The key transactions and private requests are encrypted to. */
  networkPublicKey: Hex;
  contracts: Record<string, Address>;
}

export interface NodeRpcServerOptions {
  host: string;
  port: number;
  enclave: RpcClient<EnclaveProtocol>;
  logger: Logger;
  /** The network as the node knows it (undefined until the enclave holds the secret). */
  describe: () => Promise<NetworkDescription | undefined>;
  /** Called with each accepted encrypted transaction (the node gossips it). */
  onTransaction?: ((encrypted: Hex, hash: Hex) => void) | undefined;
  /** Largest request body, bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** JSON-RPC error codes of the node's endpoint. */
export const NodeRpcError = {
  Parse: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  /** The enclave refused (the reason in the message and `data`). */
  Refused: -32000,
  /** The node cannot serve yet (no secret, no L1 view). */
  Unavailable: -32002,
  Unauthorized: 4100,
} as const;

/**
 * The node's wallet-facing endpoint: JSON-RPC 2.0 over HTTP (`POST /`, batches allowed), what a
 * user's gateway talks to. It sees only ciphertext and public data:
 *
 * - `obscuro_getNetwork`: chain ids, the network key and its public key, the contracts;
 * - `obscuro_sendTransaction [encrypted]`: a signed L2 transaction encrypted to the network key;
 *   the enclave checks it and queues it (`{ hash }`, or an error naming the reason);
 * - `obscuro_privateRequest [encrypted]`: a request signed by a viewing key and encrypted to the
 *   network key; the answer comes back encrypted to the viewing key (`{ encrypted }`);
 * - the public `eth_*`/`net_*` reads (chain id, block number, block headers, code, gas price);
 *   everything else is private and refused here with 4100.
 *
 * `GET /health` and `GET /ready` are served by the node's operations endpoint, not here.
 */
export class NodeRpcServer {
  readonly #options: NodeRpcServerOptions;
  readonly #server: Server;
  readonly #log: Logger;

  private constructor(options: NodeRpcServerOptions) {
    this.#options = options;
    this.#log = options.logger.child({ module: "rpc" });
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#server.keepAliveTimeout = 60_000;
  }

  static async listen(options: NodeRpcServerOptions): Promise<NodeRpcServer> {
    const server = new NodeRpcServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once("error", reject);
      server.#server.listen(options.port, options.host, () => resolve());
    });
    server.#log.info({ url: server.url }, "RPC listening");
    return server;
  }

  get url(): string {
    const address = this.#server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === "OPTIONS") return send(response, 204, undefined);
    if (request.method !== "POST") return send(response, 405, { error: "POST a JSON-RPC request" });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request, this.#options.maxBodyBytes ?? 1024 * 1024));
    } catch (error) {
      const tooLarge = (error as Error).message === "too large";
      return send(
        response,
        tooLarge ? 413 : 200,
        failure(null, NodeRpcError.Parse, tooLarge ? "request too large" : "parse error"),
      );
    }
    if (Array.isArray(body)) {
      if (body.length === 0 || body.length > 100)
        return send(response, 200, failure(null, NodeRpcError.InvalidRequest, "a batch of 1 to 100 requests"));
      return send(response, 200, await Promise.all(body.map((item) => this.#answer(item))));
    }
    return send(response, 200, await this.#answer(body));
  }

  async #answer(item: unknown): Promise<unknown> {
    const { id = null, method, params = [] } = (item ?? {}) as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof method !== "string" || !Array.isArray(params))
      return failure(id, NodeRpcError.InvalidRequest, "invalid request");
    try {
      return { jsonrpc: "2.0", id, result: await this.#dispatch(method, params) };
    } catch (error) {
      if (error instanceof RpcFailure) return failure(id, error.rpcCode, error.message, error.data);
      if (error instanceof EnclaveRpcError) {
        if (error.remoteCode === "NO_SECRET" || error.remoteCode === "ENCLAVE_UNREACHABLE")
          return failure(id, NodeRpcError.Unavailable, "the node is not ready");
        if (error.remoteCode === "PRIVATE_REQUEST_INVALID")
          return failure(id, NodeRpcError.Unauthorized, error.shortMessage, error.details);
        if (error.remoteCode === "INVALID_PARAMS") return failure(id, NodeRpcError.InvalidParams, "invalid parameters");
        return failure(id, NodeRpcError.Refused, error.shortMessage, error.remoteCode);
      }
      this.#log.error({ err: error, method }, "RPC method failed");
      return failure(id, NodeRpcError.Internal, "internal error");
    }
  }

  async #dispatch(method: string, params: unknown[]): Promise<unknown> {
    const enclave = this.#options.enclave;
    switch (method) {
      case "obscuro_getNetwork": {
        const network = await this.#options.describe();
        if (!network) throw new RpcFailure(NodeRpcError.Unavailable, "the node does not hold the network's secret yet");
        return { ...network, l2ChainId: `0x${network.l2ChainId.toString(16)}` };
      }
      case "obscuro_sendTransaction": {
        const encrypted = hexParam(params[0]);
        const result = await enclave.call("submitTransaction", { encrypted });
        if (!result.accepted)
          throw new RpcFailure(NodeRpcError.Refused, `transaction refused: ${result.reason}`, result.reason);
        this.#options.onTransaction?.(encrypted, result.hash);
        return { hash: result.hash };
      }
      case "obscuro_privateRequest":
        return enclave.call("privateRequest", { encrypted: hexParam(params[0]) });
      default: {
        const answer = await enclave.call("publicRequest", { method, params });
        if ("error" in answer) throw new RpcFailure(answer.error.code, answer.error.message, answer.error.data);
        return answer.result;
      }
    }
  }
}

class RpcFailure extends Error {
  readonly rpcCode: number;
  readonly data: unknown;
  constructor(rpcCode: number, message: string, data?: unknown) {
    super(message);
    this.rpcCode = rpcCode;
    this.data = data;
  }
}

function hexParam(value: unknown): Hex {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value))
    throw new RpcFailure(NodeRpcError.InvalidParams, "expected 0x-hex bytes");
  return value as Hex;
}

function failure(id: unknown, code: number, message: string, data?: unknown) {
  return { jsonrpc: "2.0", id, error: { code, message, ...(data === undefined ? {} : { data }) } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type",
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

function readBody(request: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new Error("too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
