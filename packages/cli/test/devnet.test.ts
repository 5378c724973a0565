import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { createPublicClient, http } from "viem";
import { parseDeploymentManifest, obscuroTokenAbi } from "@obscuro/sdk";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

describe("obscuro devnet", () => {
  it(
    "deploys, writes the manifest, serves the L1 and the explorer, and stops both cleanly on SIGINT",
    { timeout: 60_000 },
    async () => {
      const directory = await mkdtemp(join(tmpdir(), "obscuro-devnet-"));
      const child = spawn(
        process.execPath,
        [
          MAIN,
          "devnet",
          "--port",
          "0",
          "--nodes",
          "0",
          "--deployments",
          directory,
          "--state-dir",
          join(directory, "state"),
        ],
        {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NO_COLOR: "1" },
        },
      );
      let output = "";
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes("Press Ctrl-C")) resolve();
          });
          void exited.then((code) => reject(new Error(`devnet exited early with ${code}:\n${output}`)));
        });

        const rpcUrl = /L1 ready at (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
        assert.ok(rpcUrl, output);
        const manifest = parseDeploymentManifest(JSON.parse(await readFile(join(directory, "31337.json"), "utf8")));
        const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
        const supply = await client.readContract({
          address: manifest.contracts.ObscuroToken,
          abi: obscuroTokenAbi,
          functionName: "totalSupply",
        });
        assert.equal(supply, manifest.settings.tokenSupply);
        assert.match(output, /Funded dev accounts/);
        // The explorer runs over the devnet's L1 and says where.
        const explorerUrl = /Explorer\s+(http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
        assert.ok(explorerUrl, output);
        const overview = await fetch(`${explorerUrl}/api/overview`);
        assert.equal(overview.status, 200);
        const { manifest: shown } = (await overview.json()) as { manifest: { contracts: Record<string, string> } };
        assert.equal(shown.contracts.RollupManagement, manifest.contracts.RollupManagement);

        child.kill("SIGINT");
        assert.equal(await exited, 0, output);
        assert.match(output, /anvil stopped/);
        assert.match(output, /explorer stopped/);
        await assert.rejects(fetch(`${explorerUrl}/api/health`), "the explorer must be down after Ctrl-C");
        await assert.rejects(client.getChainId(), "the L1 must be down after Ctrl-C");
      } finally {
        child.kill("SIGKILL");
        await rm(directory, { recursive: true, force: true });
      }
    },
  );
});
