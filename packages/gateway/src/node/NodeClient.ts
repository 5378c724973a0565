import { Agent } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import { JsonRpcError, NodeUnreachableError, RpcCode } from "../errors.ts";
import type { GatewayMetrics } from "../metrics.ts";

/** A JSON-RPC error object as the node answers it. */
interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * The gateway's connection to the node's wallet-facing JSON-RPC: HTTP keep-alive (one socket pool
 * for the gateway's life), each call bounded by a timeout. A JSON-RPC error of the node comes back
 * as {@link JsonRpcError} with the node's code, message and data; a transport failure as
 * {@link NodeUnreachableError}.
 */
export class NodeClient {
  readonly url: URL;
  readonly #timeoutMs: number;
  readonly #agent: Agent;
  readonly #metrics: GatewayMetrics | undefined;
  #id = 0;

  constructor(url: string, options: { timeoutMs: number; metrics?: GatewayMetrics | undefined }) {
    this.url = new URL(url);
    this.#timeoutMs = options.timeoutMs;
    this.#metrics = options.metrics;
    this.#agent =
      this.url.protocol === "https:"
        ? new HttpsAgent({ keepAlive: true, maxSockets: 64 })
        : new Agent({ keepAlive: true, maxSockets: 64 });
  }

  /**
   * Calls a method of the node.
   * @throws {JsonRpcError} with the node's error; {@link NodeUnreachableError} when the node does not answer.
   */
  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const started = performance.now();
    try {
      const body = JSON.stringify({ jsonrpc: "2.0", id: ++this.#id, method, params });
      const answer = (await this.#post(body)) as { result?: unknown; error?: RpcErrorObject };
      if (answer === null || typeof answer !== "object") {
        throw new NodeUnreachableError("The node answered something that is not JSON-RPC.", { details: method });
      }
      if (answer.error) throw new JsonRpcError(answer.error.code, answer.error.message, answer.error.data);
      return answer.result as T;
    } finally {
      this.#metrics?.nodeSeconds.observe({ method }, (performance.now() - started) / 1000);
    }
  }

  close(): void {
    this.#agent.destroy();
  }

  #post(body: string): Promise<unknown> {
    const send = this.url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        this.url,
        {
          method: "POST",
          agent: this.#agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          timeout: this.#timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
            } catch (cause) {
              reject(
                new NodeUnreachableError("The node answered something that is not JSON-RPC.", {
                  details: `HTTP ${response.statusCode}`,
                  cause,
                }),
              );
            }
          });
          response.on("error", (cause) =>
            reject(new NodeUnreachableError("The connection to the node broke.", { cause })),
          );
        },
      );
      request.on("timeout", () => {
        request.destroy(
          new NodeUnreachableError(`The node did not answer within ${this.#timeoutMs} ms.`, {
            details: this.url.origin,
          }),
        );
      });
      request.on("error", (cause) =>
        reject(
          cause instanceof NodeUnreachableError
            ? cause
            : new NodeUnreachableError("The node cannot be reached.", { details: this.url.origin, cause }),
        ),
      );
      request.end(body);
    });
  }
}

/** The JSON-RPC error a wallet gets when the node is down. */
export function unreachable(): JsonRpcError {
  return new JsonRpcError(RpcCode.ResourceUnavailable, "the Obscuro node is unreachable");
}
