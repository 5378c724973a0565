import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Logger } from "pino";
import { BaseError } from "@obscuro/sdk";
import { enclaveProtocol, RpcClient, type EnclaveConfig, type EnclaveProtocol } from "@obscuro/enclave/rpc";

/** The enclave process did not start, or died. */
export class EnclaveProcessError extends BaseError {
  readonly code = "ENCLAVE_PROCESS";
}

export interface EnclaveProcessOptions {
  /** The enclave's configuration; written to `<dataDir>/enclave.json`. */
  config: EnclaveConfig;
  logger: Logger;
  /** How long to wait for the enclave to be ready (it may replay its journal). Default 120 s. */
  startTimeoutMs?: number | undefined;
  /** Per-call timeout of its RPC. Default 120 s. */
  callTimeoutMs?: number | undefined;
}

/**
 * The host's handle on its enclave: starts `obscuro-enclave` as a child process (the boundary a TEE
 * runtime replaces), waits until it listens, and talks to it only through its RPC. The child's
 * logs (JSON lines) go to the host's logger; its exit is reported, never hidden.
 */
export class EnclaveProcess {
  readonly client: RpcClient<EnclaveProtocol>;
  readonly #options: EnclaveProcessOptions;
  readonly #log: Logger;
  #child: ChildProcess | undefined;
  #exited: Promise<number | null> = Promise.resolve(null);
  #onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  private constructor(options: EnclaveProcessOptions) {
    this.#options = options;
    this.#log = options.logger.child({ module: "enclave-process" });
    this.client = new RpcClient({
      socketPath: socketPathOf(options.config),
      protocol: enclaveProtocol,
      timeoutMs: options.callTimeoutMs ?? 120_000,
    });
  }

  /** Starts the enclave and resolves once it is ready. */
  static async start(options: EnclaveProcessOptions): Promise<EnclaveProcess> {
    const process = new EnclaveProcess(options);
    await process.restart();
    return process;
  }

  /** The child's process id (for tests that kill it). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Called when the enclave exits on its own (a crash): the host reports it and stops or restarts. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.#onExit = listener;
  }

  /** (Re)starts the child, after a stop or a crash. */
  async restart(): Promise<void> {
    const { config } = this.#options;
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await this.#awaitPreviousInstance(join(config.dataDir, "enclave.pid"));
    const configPath = join(config.dataDir, "enclave.json");
    await writeFile(
      configPath,
      JSON.stringify(config, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2),
      { mode: 0o600 },
    );
    const main = createRequire(import.meta.url).resolve("@obscuro/enclave/main");
    const child = spawn(process.execPath, [main, "--config", configPath, "--exit-with-parent"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    child.once("exit", (code, signal) => {
      if (this.#child === child) {
        this.#child = undefined;
        this.#log.warn({ code, signal }, "enclave process exited");
        this.#onExit?.(code, signal);
      }
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on("line", (line) => {
      stderr.push(line);
      if (stderr.length > 20) stderr.shift();
      this.#forward(line);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => (line === "ENCLAVE_READY" ? resolve() : this.#forward(line)));
      child.once("exit", (code, signal) =>
        reject(
          new EnclaveProcessError("The enclave exited while starting.", {
            details: `code ${code}, signal ${signal}: ${stderr.join(" | ")}`,
          }),
        ),
      );
    });
    const timeoutMs = this.#options.startTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ready,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new EnclaveProcessError(`The enclave was not ready within ${timeoutMs} ms.`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      child.kill("SIGKILL");
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.#log.info({ pid: child.pid }, "enclave process ready");
  }

  /** Stops the enclave gracefully (SIGTERM: it flushes and closes), SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    this.client.close();
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Kills the enclave without warning (tests: a crash at any point). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    this.client.close();
    child.kill("SIGKILL");
    await this.#exited;
  }

  /**
   * An enclave of a host that was killed stops by itself once it sees its stdin close, flushing its
   * sealed state; a new one must not open that state before it is done. Waits for it (30 s at most,
   * then kills it).
   */
  async #awaitPreviousInstance(pidFile: string): Promise<void> {
    let pid: number;
    try {
      pid = Number((await readFile(pidFile, "utf8")).trim());
    } catch {
      return;
    }
    // The pid may have been reused since: only a process running this data directory's enclave counts.
    const alive = () => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(pidFile.replace(/enclave\.pid$/, "enclave.json"));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 30_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive()) {
      this.#log.warn({ pid }, "previous enclave still running after 30 s: killing it");
      process.kill(pid, "SIGKILL");
      while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A line of the child's output: its pino JSON logs go to the host's logger as they are. */
  #forward(line: string): void {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      const level = entry.level ?? 30;
      const method = level >= 50 ? "error" : level >= 40 ? "warn" : level >= 30 ? "info" : "debug";
      this.#log[method]({ enclave: entry }, entry.msg ?? "enclave");
    } catch {
      this.#log.info({ enclave: line }, "enclave output");
    }
  }
}

function socketPathOf(config: EnclaveConfig): string {
  return config.socketPath ?? join(config.dataDir, "enclave.sock");
}
