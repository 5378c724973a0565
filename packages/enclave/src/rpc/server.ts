import { chmod, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import type { Logger } from "pino";
import type { z } from "zod";
import { BaseError } from "@obscuro/sdk";
import { toWireJson } from "./codec.ts";

/** One method of the RPC: how its parameters and result are checked. */
export interface MethodSchema {
  params: z.ZodType;
  result: z.ZodType;
}

export type Protocol = Record<string, MethodSchema>;

/** A handler per method of `P`, given parameters already checked against the method's schema. */
export type Handlers<P extends Protocol> = {
  [M in keyof P]: (params: z.output<P[M]["params"]>) => Promise<z.input<P[M]["result"]>>;
};

export interface RpcServerOptions<P extends Protocol> {
  /** The Unix socket to listen on; created with mode 0600 (only the host's user may connect). */
  socketPath: string;
  protocol: P;
  handlers: Handlers<P>;
  logger: Logger;
  /** Largest request line accepted, in bytes. Default 64 MiB (a rollup's blobs). */
  maxRequestBytes?: number;
}

const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * The enclave's end of its RPC: newline-delimited JSON over a Unix socket, one request per line
 * (`{"id", "method", "params"}`), one response per line (`{"id", "result"}` or `{"id", "error":
 * {"code", "message"}}`). Every request is checked against its method's schema before a handler
 * sees it; an unknown method, malformed JSON or an oversized line is refused and changes nothing.
 * Errors carry only a code and a short message: a handler's message must never hold a secret,
 * and anything but an `EnclaveRefusal` (or another SDK error) is reported as `INTERNAL` without
 * its message.
 */
export class RpcServer<P extends Protocol> {
  readonly #options: RpcServerOptions<P>;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #log: Logger;

  private constructor(options: RpcServerOptions<P>) {
    this.#options = options;
    this.#log = options.logger.child({ module: "enclave-rpc" });
    this.#server = createServer((socket) => this.#serve(socket));
  }

  /** Listens on `options.socketPath` (replacing a stale socket file). */
  static async listen<P extends Protocol>(options: RpcServerOptions<P>): Promise<RpcServer<P>> {
    await rm(options.socketPath, { force: true });
    const server = new RpcServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once("error", reject);
      server.#server.listen(options.socketPath, () => resolve());
    });
    await chmod(options.socketPath, 0o600);
    return server;
  }

  /** Stops accepting connections and closes the open ones. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await rm(this.#options.socketPath, { force: true });
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on("close", () => this.#sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const max = this.#options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    let buffered: Buffer[] = [];
    let size = 0;
    // Requests are answered in order, one at a time per connection.
    let queue = Promise.resolve();
    socket.on("data", (chunk: Buffer) => {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        buffered.push(chunk.subarray(start, newline));
        const line = Buffer.concat(buffered).toString("utf8");
        buffered = [];
        size = 0;
        start = newline + 1;
        queue = queue.then(() => this.#answer(socket, line));
      }
      if (start < chunk.length) {
        buffered.push(chunk.subarray(start));
        size += chunk.length - start;
        if (size > max) {
          this.#log.warn({ size }, "request over the size limit: connection closed");
          socket.destroy();
        }
      }
    });
  }

  async #answer(socket: Socket, line: string): Promise<void> {
    let id: unknown = null;
    let response: unknown;
    try {
      const request = JSON.parse(line) as { id?: unknown; method?: unknown; params?: unknown };
      id = request.id ?? null;
      response = { id, result: await this.#dispatch(request.method, request.params) };
    } catch (error) {
      response = { id, error: describe(error) };
      if (!(error instanceof BaseError)) this.#log.error({ err: error }, "enclave RPC handler failed");
    }
    if (!socket.destroyed) socket.write(`${toWireJson(response)}\n`);
  }

  async #dispatch(method: unknown, params: unknown): Promise<unknown> {
    if (typeof method !== "string" || !Object.hasOwn(this.#options.protocol, method)) {
      throw new RpcFault("METHOD_NOT_FOUND", `Unknown method ${String(method).slice(0, 64)}.`);
    }
    const schema = this.#options.protocol[method]!;
    const parsed = schema.params.safeParse(params ?? {});
    if (!parsed.success) {
      throw new RpcFault(
        "INVALID_PARAMS",
        `Invalid parameters for ${method}.`,
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
    const handler = this.#options.handlers[method as keyof P];
    return handler(parsed.data as never);
  }
}

class RpcFault extends BaseError {
  readonly code: string;
  constructor(code: string, message: string, details?: string) {
    super(message, details === undefined ? {} : { details });
    this.code = code;
  }
}

/** The error a caller sees: an SDK error's code and short message; anything else, `INTERNAL` alone. */
function describe(error: unknown): { code: string; message: string; details?: string } {
  if (error instanceof SyntaxError) return { code: "PARSE_ERROR", message: "The request is not JSON." };
  if (error instanceof BaseError) {
    return { code: error.code, message: error.shortMessage, ...(error.details ? { details: error.details } : {}) };
  }
  return { code: "INTERNAL", message: "The enclave failed to handle the request." };
}
