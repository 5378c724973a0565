import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import { BaseError } from "../errors/BaseError.ts";

/** Options for {@link startAnvil}. Every field has a sensible default for tests and the devnet. */
export interface StartAnvilParameters {
  /** Interface to bind. Default `127.0.0.1`: the node is never exposed beyond this machine. */
  host?: string;
  /** TCP port; `0` (default) lets the OS choose a free one. */
  port?: number;
  /** Ethereum hardfork. Default `osaka` (mainnet since December 2025). */
  hardfork?: "prague" | "osaka";
  /** Chain id. Default 31337. */
  chainId?: number;
  /** Seconds between blocks; omitted (default) mines a block per transaction. */
  blockTime?: number;
  /** How many funded dev accounts to create. Default 10. */
  accounts?: number;
  /** ETH balance of each dev account. Default 10000. */
  balance?: number;
  /** Extra command-line arguments passed verbatim. */
  extraArgs?: readonly string[];
  /** Give up if anvil is not listening after this many milliseconds. Default 10000. */
  startTimeoutMs?: number;
}

/** A funded dev account created by anvil. */
export interface AnvilAccount {
  address: Address;
  privateKey: Hex;
}

/** A running anvil process. Call {@link AnvilInstance.stop} to end it. */
export interface AnvilInstance {
  rpcUrl: string;
  host: string;
  port: number;
  chainId: number;
  hardfork: "prague" | "osaka";
  accounts: readonly AnvilAccount[];
  process: ChildProcess;
  /** Stops anvil (SIGINT, then SIGKILL after 5 s) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export class AnvilStartError extends BaseError {
  readonly code = "ANVIL_START_FAILED";
}

const LISTENING = /Listening on ([\d.]+):(\d+)/;

/** Path of the anvil binary shipped by the `@foundry-rs/anvil-linux-amd64` npm package. */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@foundry-rs/anvil-linux-amd64/package.json");
  return join(packageJson, "..", "bin", "anvil");
}

/**
 * Starts a local anvil L1 node and resolves once it accepts JSON-RPC requests.
 * @throws {AnvilStartError} when the binary is missing, exits early or does not listen in time.
 */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<AnvilInstance> {
  const host = parameters.host ?? "127.0.0.1";
  const hardfork = parameters.hardfork ?? "osaka";
  const chainId = parameters.chainId ?? 31337;
  const configDir = await mkdtemp(join(tmpdir(), "obscuro-anvil-"));
  const configOut = join(configDir, "anvil.json");
  const args = [
    "--host",
    host,
    "--port",
    String(parameters.port ?? 0),
    "--hardfork",
    hardfork,
    "--chain-id",
    String(chainId),
    "--accounts",
    String(parameters.accounts ?? 10),
    "--balance",
    String(parameters.balance ?? 10_000),
    "--config-out",
    configOut,
    ...(parameters.blockTime === undefined ? [] : ["--block-time", String(parameters.blockTime)]),
    ...(parameters.extraArgs ?? []),
  ];

  const child = spawn(anvilBinaryPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  try {
    const port = await waitForListening(child, parameters.startTimeoutMs ?? 10_000);
    const config = JSON.parse(await readFile(configOut, "utf8")) as {
      available_accounts: Address[];
      private_keys: Hex[];
    };
    const accounts = config.available_accounts.map((address, i) => ({
      address,
      privateKey: config.private_keys[i] as Hex,
    }));
    const stop = async (): Promise<void> => {
      if (!exited) {
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exitPromise;
        clearTimeout(timer);
      }
      await rm(configDir, { recursive: true, force: true });
    };
    return { rpcUrl: `http://${host}:${port}`, host, port, chainId, hardfork, accounts, process: child, stop };
  } catch (error) {
    child.kill("SIGKILL");
    await rm(configDir, { recursive: true, force: true });
    throw error;
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (details: string, cause?: unknown): void => {
      cleanup();
      reject(
        new AnvilStartError("anvil did not start.", {
          details,
          cause,
          metaMessages: output ? ["Output:", output.slice(-2000)] : [],
        }),
      );
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        cleanup();
        resolve(Number(match[2]));
      }
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`anvil exited early (code ${code}, signal ${signal}).`);
    const onError = (error: Error): void => fail(`cannot run ${anvilBinaryPath()}: ${error.message}`, error);
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms.`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      // keep draining so anvil never blocks on a full pipe
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}
