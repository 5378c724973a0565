import { createConnection, type Socket } from "node:net";
import type { z } from "zod";
import { EnclaveRpcError } from "./errors.ts";
import { toWireJson } from "./codec.ts";
import type { Protocol } from "./server.ts";

export interface RpcClientOptions<P extends Protocol> {
  socketPath: string;
  protocol: P;
  /** Default per-call timeout, milliseconds. Default 60 s. */
  timeoutMs?: number;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The host's end of the enclave RPC: typed calls (`call("getStatus", {})`), each checked against
 * the method's schema on the way out and its result on the way back, with a timeout. Connects
 * lazily and again after the connection drops (the enclave process restarted), failing the calls
 * that were in flight with `ENCLAVE_UNREACHABLE`.
 */
export class RpcClient<P extends Protocol> {
  readonly #options: RpcClientOptions<P>;
  #socket: Socket | undefined;
  #connecting: Promise<Socket> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #buffer = "";

  constructor(options: RpcClientOptions<P>) {
    this.#options = options;
  }

  /**
   * Calls `method` and returns its checked result.
   * @throws {EnclaveRpcError} with the enclave's code when it refuses, or `ENCLAVE_UNREACHABLE`,
   *   `ENCLAVE_TIMEOUT`, `INVALID_PARAMS`, `INVALID_RESULT` from this side.
   */
  async call<M extends keyof P & string>(
    method: M,
    params: z.input<P[M]["params"]>,
    options: { timeoutMs?: number } = {},
  ): Promise<z.output<P[M]["result"]>> {
    const schema = this.#options.protocol[method]!;
    const checked = schema.params.safeParse(params);
    if (!checked.success) {
      throw new EnclaveRpcError(`Invalid parameters for ${method}.`, {
        remoteCode: "INVALID_PARAMS",
        method,
        details: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
    }
    const socket = await this.#connect(method);
    const id = this.#nextId++;
    const raw = await new Promise<unknown>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new EnclaveRpcError(`The enclave did not answer ${method} within ${timeoutMs} ms.`, {
            remoteCode: "ENCLAVE_TIMEOUT",
            method,
          }),
        );
      }, timeoutMs);
      this.#pending.set(id, { method, resolve, reject, timer });
      socket.write(`${toWireJson({ id, method, params })}\n`);
    });
    const result = schema.result.safeParse(raw);
    if (!result.success) {
      throw new EnclaveRpcError(`The enclave's answer to ${method} is malformed.`, {
        remoteCode: "INVALID_RESULT",
        method,
        details: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
    }
    return result.data as z.output<P[M]["result"]>;
  }

  /** Closes the connection; calls in flight fail. */
  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  async #connect(method: string): Promise<Socket> {
    if (this.#socket && !this.#socket.destroyed) return this.#socket;
    this.#connecting ??= new Promise<Socket>((resolve, reject) => {
      const socket = createConnection(this.#options.socketPath);
      socket.setNoDelay(true);
      socket.once("connect", () => {
        this.#socket = socket;
        this.#buffer = "";
        resolve(socket);
      });
      socket.once("error", (cause) => {
        reject(
          new EnclaveRpcError("The enclave is unreachable.", {
            remoteCode: "ENCLAVE_UNREACHABLE",
            method,
            cause,
            details: cause.message,
          }),
        );
      });
      socket.on("data", (chunk: Buffer) => this.#receive(chunk));
      socket.on("close", () => this.#dropped());
    }).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #receive(chunk: Buffer): void {
    this.#buffer += chunk.toString("utf8");
    for (let newline = this.#buffer.indexOf("\n"); newline !== -1; newline = this.#buffer.indexOf("\n")) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      let response: { id?: number; result?: unknown; error?: { code: string; message: string; details?: string } };
      try {
        response = JSON.parse(line) as typeof response;
      } catch {
        continue;
      }
      const pending = response.id === undefined ? undefined : this.#pending.get(response.id);
      if (!pending) continue;
      this.#pending.delete(response.id!);
      clearTimeout(pending.timer);
      if (response.error) {
        pending.reject(
          new EnclaveRpcError(response.error.message, {
            remoteCode: response.error.code,
            method: pending.method,
            ...(response.error.details ? { details: response.error.details } : {}),
          }),
        );
      } else pending.resolve(response.result);
    }
  }

  #dropped(): void {
    this.#socket = undefined;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(
        new EnclaveRpcError("The enclave connection closed.", {
          remoteCode: "ENCLAVE_UNREACHABLE",
          method: pending.method,
        }),
      );
      this.#pending.delete(id);
    }
  }
}
