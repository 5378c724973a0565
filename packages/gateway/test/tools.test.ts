import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { parseEther, parseUnits, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { L2_CHAIN_ID } from "@obscuro/sdk";
import { registerAccount } from "../src/index.ts";
import { compileTokens } from "./helpers/contracts.ts";
import { rpc, startHarness, type Harness } from "./helpers/harness.ts";

const PROJECT = fileURLToPath(new URL("./hardhat-project/", import.meta.url));
const HARDHAT = join(dirname(createRequire(import.meta.url).resolve("hardhat/package.json")), "dist/src/cli.js");

/** Runs Hardhat's CLI in the sample project; resolves with its exit code and output. */
async function hardhat(args: string[], env: Record<string, string>, timeoutMs = 120_000, input = "") {
  const child = spawn(process.execPath, [HARDHAT, ...args], {
    cwd: PROJECT,
    env: { ...process.env, ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end(input);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

const script = (name: string) => fileURLToPath(new URL(`./scripts/${name}`, import.meta.url));

/** Runs a script as its own process (the way a user runs it) and returns the JSON line it prints. */
async function runScript(
  path: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [path], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  assert.equal(code, 0, `${path} exited with ${code} (killed after ${timeoutMs} ms?):\n${stderr}\n${stdout}`);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

/**
 * Issue 15: the user's tools through the gateway, on one network. Unmodified viem and ethers v6
 * scripts each deploy an ERC20 on L2, transfer, read balances and events (logs, a polled filter, a
 * WebSocket subscription) and wait for receipts, knowing nothing of Obscuro but the URL. Hardhat 3's
 * sample project deploys and tests its Counter with only the network's URL (a token URL) set, and
 * Hardhat Ignition deploys its sample module.
 */
describe("viem, ethers and Hardhat through the gateway", () => {
  let h: Harness;
  let directory: string;
  let env: Record<string, string>;
  /** Hardhat's account: its own token, so its nonce counts only its own transactions. */
  let hardhatEnv: Record<string, string>;
  let account: Address;
  let tokenUrl: string;
  const alice = generatePrivateKey();
  const bob = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    let tokens;
    [h, tokens] = await Promise.all([startHarness(), compileTokens()]);
    directory = await mkdtemp(join(tmpdir(), "obscuro-scripts-"));
    const artifact = join(directory, "GLDToken.json");
    await writeFile(artifact, JSON.stringify(tokens.GLDToken));
    // alice and bob on one token: the scripts read alice's and bob's side
    const { url, wsUrl } = await registerAccount({ gatewayUrl: h.gateway.url, account: privateKeyToAccount(alice) });
    await registerAccount({ gatewayUrl: url, account: bob });
    await h.fund(privateKeyToAccount(alice).address, parseEther("2"));
    const key = generatePrivateKey();
    account = privateKeyToAccount(key).address;
    ({ url: tokenUrl } = await registerAccount({ gatewayUrl: h.gateway.url, account: privateKeyToAccount(key) }));
    await h.fund(account, parseEther("2"));
    hardhatEnv = { OBSCURO_RPC_URL: tokenUrl, OBSCURO_PRIVATE_KEY: key };
    env = {
      GATEWAY_URL: url,
      GATEWAY_WS_URL: wsUrl,
      CHAIN_ID: L2_CHAIN_ID.toString(),
      PRIVATE_KEY: alice,
      RECIPIENT: bob.address,
      ARTIFACT: artifact,
    };
  });
  after(async () => {
    await h?.stop();
    await rm(directory, { recursive: true, force: true });
    assert.deepEqual(h?.sequencer.errors ?? [], []);
  });

  it("an unmodified viem script deploys an ERC20, transfers, reads balances and events, waits for receipts", async () => {
    const out = await runScript(script("viem-erc20.ts"), env);
    const aliceAddress = privateKeyToAccount(alice).address;
    assert.equal(out.deployStatus, "success");
    assert.equal(out.transferStatus, "success");
    assert.equal(out.balance, parseUnits("975", 18).toString());
    assert.deepEqual(out.events, [
      { from: "0x0000000000000000000000000000000000000000", to: aliceAddress },
      { from: aliceAddress, to: bob.address },
    ]);
    assert.equal(out.filterChanges, 1, "eth_newFilter/eth_getFilterChanges saw the transfer");
    assert.deepEqual(out.watched, { from: aliceAddress, to: bob.address, value: parseUnits("25", 18).toString() });
    assert.equal(out.nonce, 2);
    assert.equal(out.hasCode, true);
    assert.ok(Number(out.eth) < 2 && Number(out.eth) > 1.9, `gas was paid: ${String(out.eth)}`);
  });

  it("an unmodified ethers v6 script does the same", async () => {
    const out = await runScript(script("ethers-erc20.ts"), env);
    const aliceAddress = privateKeyToAccount(alice).address;
    assert.equal(out.chainId, L2_CHAIN_ID.toString());
    assert.equal(out.status, 1);
    assert.equal(out.balance, parseUnits("975", 18).toString());
    assert.equal(out.events, 1);
    assert.deepEqual(out.receiptEvents, ["Transfer"]);
    assert.deepEqual(out.heard, { from: aliceAddress, to: bob.address, value: parseUnits("25", 18).toString() });
    assert.equal(out.nonce, 4, "after the viem script's two transactions");
    assert.notEqual(out.token as Hex, undefined);
  });

  it("deploys the sample Counter and runs its tests on the L2", async () => {
    const { code, output } = await hardhat(["test", "nodejs", "--network", "obscuro"], hardhatEnv);
    assert.equal(code, 0, output);
    assert.match(output, /2 passing/, output);
    if (process.env.HARDHAT_OUTPUT) console.log(output);
    // it ran on the L2: two deployments, one inc and ten incBy from the account
    const nonce = await rpc(tokenUrl, "eth_getTransactionCount", [account, "latest"]);
    assert.equal(nonce.result, "0xd");
  });

  it("deploys the sample Ignition module (Counter, then incBy(5))", async () => {
    const deploymentId = `gateway-test-${Date.now()}`;
    try {
      const { code, output } = await hardhat(
        ["ignition", "deploy", "ignition/modules/Counter.ts", "--network", "obscuro", "--deployment-id", deploymentId],
        hardhatEnv,
        90_000,
        "y\n",
      );
      assert.equal(code, 0, output);
      const counter = /CounterModule#Counter - (0x[0-9a-fA-F]{40})/.exec(output)?.[1];
      assert.ok(counter, output);
      const x = await rpc(tokenUrl, "eth_call", [{ to: counter, data: "0x0c55699c" }, "latest"]); // x()
      assert.equal(BigInt(x.result as string), 5n);
    } finally {
      await rm(join(PROJECT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
    }
  });
});
