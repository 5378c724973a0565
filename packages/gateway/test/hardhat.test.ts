import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { parseEther, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { registerAccount } from "../src/index.ts";
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

/**
 * Issue 15: Hardhat 3 deploys and tests a contract on the L2 through the gateway, with only the
 * network's URL (a gateway token URL) and its account changed: the sample project's Counter and
 * its test, run with `hardhat test nodejs --network obscuro`.
 */
describe("Hardhat 3 through the gateway", () => {
  let h: Harness;
  let env: Record<string, string>;
  let account: Address;
  let tokenUrl: string;

  before(async () => {
    h = await startHarness();
    const key = generatePrivateKey();
    const { url } = await registerAccount({ gatewayUrl: h.gateway.url, account: privateKeyToAccount(key) });
    await h.fund(privateKeyToAccount(key).address, parseEther("2"));
    env = { OBSCURO_RPC_URL: url, OBSCURO_PRIVATE_KEY: key };
    account = privateKeyToAccount(key).address;
    tokenUrl = url;
  });
  after(async () => {
    await h?.stop();
  });

  it("deploys the sample Counter and runs its tests on the L2", async () => {
    const { code, output } = await hardhat(["test", "nodejs", "--network", "obscuro"], env);
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
        env,
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
