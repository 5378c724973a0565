import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { isHash } from "viem";
import { ExplorerError, InvalidRequestError } from "../errors.ts";
import type { L1Reader } from "../l1/L1Reader.ts";
import type { NodeStatusReader } from "../nodes/NodeStatusReader.ts";
import { renderPage, PAGE_ROUTES } from "../web/page.ts";

const ASSETS: Record<string, { file: URL; type: string }> = {
  "/assets/app.js": { file: new URL("../web/app.js", import.meta.url), type: "text/javascript; charset=utf-8" },
  "/assets/style.css": { file: new URL("../web/style.css", import.meta.url), type: "text/css; charset=utf-8" },
};

export interface ExplorerServerOptions {
  host: string;
  port: number;
  l1: L1Reader;
  nodes: NodeStatusReader;
  logger: Logger;
  /** The page's title line (the L1 chain id, the deployment). */
  title: string;
}

/**
 * The explorer's HTTP server: the JSON API under `/api/` and the page (`/`, `/network`,
 * `/rollups`, `/rollups/<hash>`, `/bridge`, `/governance`, all the same document; its script
 * renders the section the path names and polls the API). Only GET.
 */
export class ExplorerServer {
  readonly #server: Server;
  readonly #options: ExplorerServerOptions;
  readonly #log: Logger;

  private constructor(options: ExplorerServerOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  static async listen(options: ExplorerServerOptions): Promise<ExplorerServer> {
    const server = new ExplorerServer(options);
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
    return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    // Polling browsers keep connections alive: give requests in flight a moment, then cut the rest.
    const timer = setTimeout(() => this.#server.closeAllConnections(), 2_000);
    await closed;
    clearTimeout(timer);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://explorer").pathname;
    try {
      if (request.method !== "GET" && request.method !== "HEAD")
        throw new InvalidRequestError("Only GET.", { code: "METHOD_NOT_ALLOWED", status: 405 });
      if (path.startsWith("/api/")) return sendJson(response, 200, await this.#api(path.slice(4)));
      const asset = ASSETS[path];
      if (asset) return send(response, 200, asset.type, await readFile(asset.file));
      if (isPagePath(path))
        return send(response, 200, "text/html; charset=utf-8", renderPage({ title: this.#options.title }));
      return send(response, 404, "text/plain; charset=utf-8", "Not found. The explorer is at /.");
    } catch (error) {
      this.#fail(response, path, error);
    }
  }

  async #api(path: string): Promise<unknown> {
    const { l1, nodes } = this.#options;
    switch (path) {
      case "/health":
        return { ok: true };
      case "/overview": {
        const [overview, l2] = await Promise.all([l1.overview(), nodes.read()]);
        return { ...overview, l2: summarizeL2(l2) };
      }
      case "/network": {
        const [network, l2] = await Promise.all([l1.network(), nodes.read()]);
        return { ...network, l2 };
      }
      case "/nodes":
        return { l2: await nodes.read() };
      case "/rollups":
        return l1.rollups();
      case "/bridge":
        return l1.bridge();
      case "/governance":
        return l1.governance();
    }
    const rollup = /^\/rollups\/([^/]+)$/.exec(path);
    if (rollup) {
      const hash = rollup[1]!.toLowerCase();
      if (!isHash(hash)) throw new InvalidRequestError("Not a rollup hash (0x and 64 hex digits).", { details: hash });
      return l1.rollup(hash);
    }
    throw new InvalidRequestError(`No API at /api${path}.`, {
      code: "NOT_FOUND",
      status: 404,
      details:
        "try /api/overview, /api/network, /api/nodes, /api/rollups, /api/rollups/<hash>, /api/bridge, /api/governance",
    });
  }

  #fail(response: ServerResponse, path: string, error: unknown): void {
    const known = error instanceof ExplorerError;
    if (!known) this.#log.error({ path, err: (error as Error).message }, "explorer request failed");
    else if (error.status >= 500) this.#log.warn({ path, code: error.code, details: error.details }, error.message);
    const status = known ? error.status : 500;
    const body = known
      ? { error: { code: error.code, message: error.message, details: error.details ?? null } }
      : { error: { code: "INTERNAL", message: "The explorer failed to answer; see its log.", details: null } };
    if (response.headersSent) return void response.end();
    if (path.startsWith("/api/")) return sendJson(response, status, body);
    send(response, status, "text/plain; charset=utf-8", body.error.message);
  }
}

function isPagePath(path: string): boolean {
  if (PAGE_ROUTES.includes(path)) return true;
  return /^\/rollups\/0x[0-9a-fA-F]{64}$/.test(path);
}

function summarizeL2(l2: Awaited<ReturnType<NodeStatusReader["read"]>>) {
  const reachable = l2.filter((n) => n.reachable);
  const heads = reachable.map((n) => BigInt(n.l2Head?.number ?? "0"));
  return {
    nodes: l2.length,
    reachable: reachable.length,
    highestL2Block: heads.length ? heads.reduce((a, b) => (a > b ? a : b)).toString() : null,
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(
    response,
    status,
    "application/json; charset=utf-8",
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  );
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
  });
  response.end(body);
}
