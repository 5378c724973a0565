import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Registry } from "prom-client";

export interface OpsServerOptions {
  host: string;
  port: number;
  logger: Logger;
  registry: Registry;
  /** Alive: the process and its enclave run. */
  health: () => Promise<{ ok: boolean; reason?: string }>;
  /** Ready: the node serves (holds the secret, follows L1 closely). */
  ready: () => Promise<{ ok: boolean; reason?: string }>;
  /** The node at a glance (JSON). */
  status: () => Promise<unknown>;
}

/**
 * The node's operations endpoint: `GET /health` (200 while the node and its enclave run),
 * `GET /ready` (200 once it serves: secret held, L1 followed), `GET /metrics` (Prometheus) and
 * `GET /status` (JSON). Meant for the operator's network only; it exposes nothing secret.
 */
export class OpsServer {
  readonly #server: Server;
  readonly #options: OpsServerOptions;

  private constructor(options: OpsServerOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      void this.#route(request.method ?? "GET", (request.url ?? "/").split("?")[0]!)
        .then(({ status, type, body }) => {
          response.writeHead(status, { "content-type": type });
          response.end(body);
        })
        .catch((error: unknown) => {
          options.logger.warn({ err: (error as Error).message }, "ops request failed");
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ ok: false, reason: "internal error" }));
        });
    });
  }

  static async listen(options: OpsServerOptions): Promise<OpsServer> {
    const server = new OpsServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once("error", reject);
      server.#server.listen(options.port, options.host, () => resolve());
    });
    return server;
  }

  get url(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #route(method: string, path: string): Promise<{ status: number; type: string; body: string }> {
    if (method !== "GET") return json(405, { ok: false, reason: "only GET" });
    switch (path) {
      case "/health": {
        const health = await this.#options.health();
        return json(health.ok ? 200 : 503, health);
      }
      case "/ready": {
        const ready = await this.#options.ready();
        return json(ready.ok ? 200 : 503, ready);
      }
      case "/metrics":
        return {
          status: 200,
          type: this.#options.registry.contentType,
          body: await this.#options.registry.metrics(),
        };
      case "/status":
        return json(200, await this.#options.status());
      default:
        return json(404, { ok: false, reason: `no ${path}; try /health, /ready, /metrics or /status` });
    }
  }
}

function json(status: number, value: unknown) {
  return {
    status,
    type: "application/json",
    body: JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  };
}
