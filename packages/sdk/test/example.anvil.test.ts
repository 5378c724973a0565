import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { writeDeploymentManifest } from "../src/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

const EXAMPLE = fileURLToPath(new URL("../examples/deposit-and-watch.ts", import.meta.url));

/** `examples/deposit-and-watch.ts`, run as a user runs it, against a fresh deployment on anvil. */
describe("examples/deposit-and-watch.ts", () => {
  let l1: DevL1;
  let directory: string;

  before(async () => {
    l1 = await startDevL1();
    directory = await mkdtemp(join(tmpdir(), "obscuro-example-"));
  });
  after(async () => {
    await l1?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it(
    "deposits, sees the deposit through the watcher, and reads the canonical head's finality",
    { timeout: 120_000 },
    async () => {
      const manifestPath = await writeDeploymentManifest({ manifest: l1.manifest, directory });
      const child = spawn(process.execPath, [EXAMPLE, "--manifest", manifestPath, "--rpc", l1.anvil.rpcUrl], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, OBSCURO_PRIVATE_KEY: l1.anvil.accounts[3]!.privateKey },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
        child.once("exit", (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      assert.equal(code, 0, stderr);
      const output = JSON.parse(stdout) as {
        deposit: { index: string; amount: string };
        canonicalHead: { hash: string; number: string };
        finality: { final: boolean; blocks: string };
        finalitySuspended: boolean;
      };
      assert.equal(output.deposit.index, "0");
      assert.equal(output.deposit.amount, "10000000000000000");
      // A fresh deployment: the head is the genesis rollup, final from the start.
      assert.equal(output.canonicalHead.number, "0");
      assert.equal(output.finality.final, true);
      assert.equal(output.finality.blocks, "0");
      assert.equal(output.finalitySuspended, false);
      const deposits = await l1.publicClient.getDeposits({ to: l1.anvil.accounts[3]!.address });
      assert.equal(deposits.length, 1);
    },
  );
});
