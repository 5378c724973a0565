import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeManifest, type DeployProtocolParameters } from "@obscuro/sdk";
import { startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import type { Hex } from "viem";

/** The `obscuro` entry point: the tests run it as a child process, as a user would. */
export const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/** What one run of the CLI did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `obscuro …args` (the repository's Node, `node src/main.ts`) and resolves when it exits;
 * killed (and the test failed) after `timeoutMs`. The environment carries no OBSCURO_* variable
 * unless `env` sets one.
 */
export function obscuro(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OBSCURO_")));
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: options.cwd,
    env: { ...env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`obscuro ${args.join(" ")} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Asserts a run succeeded and returns its stdout parsed as JSON. */
export function jsonOf<T = Record<string, unknown>>(run: CliRun): T {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/**
 * Asserts a run failed with `exitCode` and the error `code`, and that stderr's first line (the one
 * sentence) matches `message`. With `--json` the error is also on stdout; it is returned.
 */
export function assertFails(run: CliRun, exitCode: number, code: string, message: RegExp): Record<string, unknown> {
  assert.equal(run.code, exitCode, `expected exit ${exitCode}, got ${run.code}\n${run.stdout}\n${run.stderr}`);
  const line = run.stderr.split("\n").find((l) => l.startsWith("✖"));
  assert.ok(line, `no error line on stderr:\n${run.stderr}`);
  assert.match(line, message);
  assert.match(run.stderr, new RegExp(`\\(${code}\\)`), run.stderr);
  return run.stdout.trim().startsWith("{") ? (JSON.parse(run.stdout) as { error: Record<string, unknown> }).error : {};
}

/** A devnet for the CLI: anvil with the protocol deployed, its manifest and key files in a temporary folder. */
export interface CliNetwork extends DevL1 {
  dir: string;
  manifestPath: string;
  /** `--rpc URL --manifest FILE`. */
  network: string[];
  /** Writes a private key file (mode 600) and returns its path. */
  keyFile(name: string, key: Hex): Promise<string>;
  /** The key file of anvil's account `i`. */
  account(i: number): Promise<string>;
  /** Moves the L1's clock on by `seconds` and mines a block at the new time. */
  travel(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts anvil with the protocol deployed (`deploy` as `startDevL1` takes it) and writes the manifest for the CLI. */
export async function startCliNetwork(deploy: Partial<DeployProtocolParameters> = {}): Promise<CliNetwork> {
  const l1 = await startDevL1({ deploy });
  const dir = await mkdtemp(join(tmpdir(), "obscuro-cli-"));
  const manifestPath = join(dir, "manifest.json");
  await writeFile(manifestPath, serializeManifest(l1.manifest));
  const keyFile = async (name: string, key: Hex) => {
    const path = join(dir, `${name}.key`);
    await writeFile(path, `${key}\n`);
    await chmod(path, 0o600);
    return path;
  };
  return {
    ...l1,
    dir,
    manifestPath,
    network: ["--rpc", l1.anvil.rpcUrl, "--manifest", manifestPath],
    keyFile,
    account: (i) => keyFile(`account${i}`, l1.anvil.accounts[i]!.privateKey),
    travel: async (seconds) => {
      await l1.testClient.increaseTime({ seconds });
      await l1.testClient.mine({ blocks: 1 });
    },
    close: async () => {
      await l1.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
