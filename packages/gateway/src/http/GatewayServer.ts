import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Hex } from "viem";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { RegistrationError, RpcCode } from "../errors.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { VerifiedNetwork } from "../node/network.ts";
import type { Registration } from "../registration.ts";
import { failure, GATEWAY_VERSION, type Session, type WalletRpc } from "../rpc/WalletRpc.ts";
import type { UserStore } from "../store/UserStore.ts";

const MAX_BATCH = 100;

export interface GatewayServerOptions {
  rpc: WalletRpc;
  registration: Registration;
  store: UserStore;
  network: VerifiedNetwork;
  metrics: GatewayMetrics;
  logger: Logger;
  maxBodyBytes: number;
}

/**
 * The gateway's HTTP and WebSocket endpoint, one port for both:
 *
 * - JSON-RPC 2.0 over HTTP (`POST /v1/?token=…`, also `POST /`; batches of up to 100) and over
 *   WebSocket (`ws://…/v1/?token=…`, with `eth_subscribe`); without a token only public methods;
 * - registration (`/v1/join`, `/v1/getmessage`, `/v1/authenticate`, `/v1/query`, `/v1/revoke`);
 * - `/v1/network-config`, `/v1/version`, `/health`, `/ready` and `/metrics` (Prometheus).
 */
export class GatewayServer {
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #rpc: WalletRpc;
  readonly #registration: Registration;
  readonly #store: UserStore;
  readonly #network: VerifiedNetwork;
  readonly #metrics: GatewayMetrics;
  readonly #log: Logger;
  readonly #maxBodyBytes: number;
  readonly #sockets = new Set<Socket>();
  #closing = false;

  private constructor(options: GatewayServerOptions) {
    this.#rpc = options.rpc;
    this.#registration = options.registration;
    this.#store = options.store;
    this.#network = options.network;
    this.#metrics = options.metrics;
    this.#log = options.logger.child({ module: "http" });
    this.#maxBodyBytes = options.maxBodyBytes;
    this.#server = createServer((request, response) => {
      this.#metrics.inFlight.inc();
      response.once("close", () => {
        this.#metrics.inFlight.dec();
        // stopping: the connection is not kept alive past its last answer
        if (this.#closing) this.#server.closeIdleConnections();
      });
      void this.#handle(request, response);
    });
    this.#server.keepAliveTimeout = 60_000;
    this.#server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxBodyBytes });
    this.#server.on("upgrade", (request, socket, head) => this.#upgrade(request, socket as Socket, head));
  }

  static async listen(options: GatewayServerOptions & { host: string; port: number }): Promise<GatewayServer> {
    const server = new GatewayServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once("error", reject);
      server.#server.listen(options.port, options.host, () => {
        server.#server.off("error", reject);
        resolve();
      });
    });
    return server;
  }

  get url(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    const host = address.includes(":") ? `[${address}]` : address;
    return `http://${host}:${port}`;
  }

  /**
   * Stops taking requests, closes WebSocket connections (1001 "going away"), lets requests in flight
   * finish for up to `graceMs`, then drops what is left.
   */
  async close(graceMs = 5000): Promise<void> {
    this.#closing = true;
    for (const client of this.#wss.clients) client.close(1001, "gateway shutting down");
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const timer = setTimeout(() => {
      for (const client of this.#wss.clients) client.terminate();
      this.#server.closeAllConnections();
      for (const socket of this.#sockets) socket.destroy();
    }, graceMs);
    await closed;
    clearTimeout(timer);
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  // ─────────────────────────────────────────────────────────────── HTTP

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://gateway");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    try {
      if (request.method === "OPTIONS") return send(response, 204, undefined);
      switch (path) {
        case "/":
        case "/v1":
          if (request.method !== "POST") return send(response, 405, { error: "POST a JSON-RPC request" });
          return await this.#jsonRpc(request, response, url);
        case "/v1/join":
          return sendText(response, 200, this.#registration.join());
        case "/v1/getmessage": {
          const body = request.method === "POST" ? await this.#jsonBody(request) : {};
          const token = url.searchParams.get("token") ?? String(body.encryptionToken ?? "");
          return send(response, 200, { message: this.#registration.message(token), type: "EIP712" });
        }
        case "/v1/authenticate": {
          if (request.method !== "POST") return send(response, 405, { error: "POST the address and signature" });
          const body = await this.#jsonBody(request);
          const token = url.searchParams.get("token") ?? "";
          return sendText(response, 200, await this.#registration.authenticate(token, body));
        }
        case "/v1/query":
          return send(response, 200, {
            status: this.#registration.query(url.searchParams.get("token") ?? "", url.searchParams.get("a")),
          });
        case "/v1/revoke":
          if (request.method !== "POST") return send(response, 405, { error: "POST to revoke a token" });
          this.#registration.revoke(url.searchParams.get("token") ?? "");
          return sendText(response, 200, "success");
        case "/v1/network-config":
          return send(response, 200, {
            l1ChainId: this.#network.l1ChainId,
            l2ChainId: this.#network.l2ChainId.toString(),
            networkKey: this.#network.networkKey,
            networkPublicKey: this.#network.networkPublicKey,
            contracts: this.#network.contracts,
          });
        case "/v1/version":
          return sendText(response, 200, GATEWAY_VERSION);
        case "/health":
        case "/v1/health":
        case "/ready":
        case "/v1/ready":
          return send(response, this.#closing ? 503 : 200, { ok: !this.#closing });
        case "/metrics":
          return sendText(response, 200, await this.#metrics.registry.metrics(), this.#metrics.registry.contentType);
        default:
          return send(response, 404, { error: "not found" });
      }
    } catch (error) {
      if (error instanceof RegistrationError) return send(response, error.status, { error: error.shortMessage });
      if (error instanceof BodyError) return send(response, error.status, { error: error.message });
      this.#log.error({ err: error, path }, "HTTP request failed");
      return send(response, 500, { error: "internal error" });
    }
  }

  async #jsonRpc(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request, this.#maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyError && error.status === 413)
        return send(response, 413, failure(null, RpcCode.InvalidRequest, "request too large"));
      return send(response, 200, failure(null, RpcCode.Parse, "parse error"));
    }
    const session = this.#session(url.searchParams.get("token"));
    return send(response, 200, await this.#answerBody(session, body, "http"));
  }

  async #answerBody(session: Session, body: unknown, transport: "http" | "ws"): Promise<unknown> {
    if (Array.isArray(body)) {
      if (body.length === 0 || body.length > MAX_BATCH)
        return failure(null, RpcCode.InvalidRequest, `a batch of 1 to ${MAX_BATCH} requests`);
      return Promise.all(body.map((item) => this.#rpc.answer(session, item, transport)));
    }
    return this.#rpc.answer(session, body, transport);
  }

  #session(token: string | null): Session {
    if (!token) return { user: undefined, unknownToken: false };
    let user;
    try {
      user = /^[0-9a-fA-F]{40}$/.test(token) ? this.#store.getUser(token) : undefined;
    } catch (error) {
      this.#log.error({ err: error }, "a stored viewing key does not open");
      user = undefined;
    }
    return { user, unknownToken: !user };
  }

  async #jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const text = await readBody(request, 64 * 1024);
    if (!text) return {};
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new BodyError(400, "the body must be a JSON object");
  }

  // ─────────────────────────────────────────────────────────────── WebSocket

  #upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://gateway");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (this.#closing || (path !== "/" && path !== "/v1")) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    const token = url.searchParams.get("token");
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#connection(ws, token));
  }

  #connection(ws: WebSocket, token: string | null): void {
    this.#metrics.websockets.inc();
    const cleanups: (() => void)[] = [];
    const session: Session = {
      ...this.#session(token),
      sink: {
        notify: (subscription: Hex, result: unknown) => {
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ jsonrpc: "2.0", method: "eth_subscription", params: { subscription, result } }));
        },
        onClose: (cleanup) => cleanups.push(cleanup),
      },
    };
    ws.on("message", (data, isBinary) => {
      void (async () => {
        let body: unknown;
        try {
          body = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString("utf8") : data.toString());
        } catch {
          ws.send(JSON.stringify(failure(null, RpcCode.Parse, "parse error")));
          return;
        }
        const answer = await this.#answerBody(session, body, "ws");
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(answer));
      })();
    });
    ws.on("close", () => {
      this.#metrics.websockets.dec();
      for (const cleanup of cleanups) cleanup();
    });
    ws.on("error", (error) => this.#log.debug({ err: error.message }, "WebSocket error"));
  }
}

class BodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function headers(contentType: string) {
  return {
    "content-type": contentType,
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type",
    "access-control-allow-methods": "GET, POST, OPTIONS",
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, headers("application/json"));
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
): void {
  response.writeHead(status, headers(contentType));
  response.end(text);
}

function readBody(request: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new BodyError(413, "request too large"));
        request.resume();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
