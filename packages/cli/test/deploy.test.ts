import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { networkManagementAbi, parseDeploymentManifest, safeAbi } from "@obscuro/sdk";
import { anvilBinaryPath, startAnvil, type AnvilInstance } from "@obscuro/sdk/devtools";
import { createPublicClient, http, parseEther } from "viem";
import { assertFails, jsonOf, obscuro } from "./helpers/cli.ts";

/** anvil at a hardfork `startAnvil` does not offer (Cancun: blobs, but not Prague). */
async function startCancun(): Promise<{ rpcUrl: string; stop: () => void }> {
  const child = spawn(anvilBinaryPath(), ["--hardfork", "cancun", "--port", "0", "--host", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const rpcUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`anvil (cancun) did not listen within 10 s: ${output}`)), 10_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on ([\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve(`http://${match[1]}`);
      }
    });
    child.once("exit", (code) => reject(new Error(`anvil (cancun) exited with ${code}: ${output}`)));
  });
  return { rpcUrl, stop: () => child.kill("SIGKILL") };
}

describe("obscuro deploy", () => {
  let prague: AnvilInstance;
  let cancun: { rpcUrl: string; stop: () => void };
  let dir: string;
  let key: string;
  const AUDITORS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  const OWNERS = "0x90F79bf6EB2c4f870365E785982E1f101E93b906,0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
  const explicit = [
    "--attestation",
    "dev",
    "--vendor",
    "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
    "--auditors",
    AUDITORS,
    "--threshold",
    "2",
    "--council-owners",
    OWNERS,
    "--council-threshold",
    "2",
  ];

  before(async () => {
    [prague, cancun] = await Promise.all([startAnvil({ hardfork: "prague" }), startCancun()]);
    dir = await mkdtemp(join(tmpdir(), "obscuro-deploy-"));
    key = join(dir, "deployer.key");
    await writeFile(key, prague.accounts[0]!.privateKey);
    await chmod(key, 0o600);
  });
  after(async () => {
    await prague?.stop();
    cancun?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses an L1 without Prague's features, in one sentence, and deploys nothing", async () => {
    const run = await obscuro([
      "deploy",
      "--rpc",
      cancun.rpcUrl,
      "--private-key-file",
      key,
      ...explicit,
      "--out",
      join(dir, "cancun.json"),
    ]);
    assertFails(
      run,
      1,
      "L1_NOT_PRAGUE",
      /^✖ The L1 at http:\/\/127\.0\.0\.1:\d+ is not at Prague: it lacks the BLS12-381 precompiles of EIP-2537, and Obscuro needs an L1 at Prague or later\.$/,
    );
    const client = createPublicClient({ transport: http(cancun.rpcUrl) });
    assert.equal(await client.getTransactionCount({ address: prague.accounts[0]!.address }), 0);
  });

  it("deploys on a Prague L1 with the attestation setup, council and settings given, and writes the manifest", async () => {
    const settings = join(dir, "settings.json");
    await writeFile(
      settings,
      JSON.stringify({ network: { minStake: parseEther("5000").toString(), unbondingPeriod: 7200 } }),
    );
    const out = join(dir, "deployments", "prague.json");
    const result = jsonOf<{ manifestPath: string; manifest: Record<string, unknown> }>(
      await obscuro([
        "deploy",
        "--rpc",
        prague.rpcUrl,
        "--private-key-file",
        key,
        ...explicit,
        "--settings",
        settings,
        "--out",
        out,
        "--json",
      ]),
    );
    assert.equal(result.manifestPath, out);
    const manifest = parseDeploymentManifest(JSON.parse(await readFile(out, "utf8")));
    assert.equal(manifest.settings.attestation.kind, "dev");
    assert.equal(manifest.settings.attestation.threshold, 2);
    assert.deepEqual(manifest.settings.councilSafe?.threshold, 2);
    assert.ok(manifest.contracts.ObscuroGovernor, "its own governance by default");
    const client = createPublicClient({ transport: http(prague.rpcUrl) });
    assert.equal(
      await client.readContract({
        address: manifest.contracts.NetworkManagement,
        abi: networkManagementAbi,
        functionName: "minStake",
      }),
      parseEther("5000"),
    );
    assert.equal(
      await client.readContract({ address: manifest.settings.council, abi: safeAbi, functionName: "getThreshold" }),
      2n,
    );

    // The manifest names a live deployment: never overwritten without --force.
    const again = await obscuro([
      "deploy",
      "--rpc",
      prague.rpcUrl,
      "--private-key-file",
      key,
      ...explicit,
      "--out",
      out,
    ]);
    assertFails(
      again,
      2,
      "MANIFEST_EXISTS",
      /prague\.json exists already: pass --force to overwrite it, or choose --out\./,
    );
  });

  it("names what is missing before touching the chain", async () => {
    const base = ["deploy", "--rpc", prague.rpcUrl, "--private-key-file", key];
    const [noAttestation, noVendor, noCouncil, badSettings] = await Promise.all([
      obscuro([...base, "--auditors", AUDITORS, "--threshold", "2", "--council", OWNERS.split(",")[0]!]),
      obscuro([
        ...base,
        "--attestation",
        "dev",
        "--auditors",
        AUDITORS,
        "--threshold",
        "2",
        "--council",
        OWNERS.split(",")[0]!,
      ]),
      obscuro([...base, "--attestation", "dcap", "--auditors", AUDITORS, "--threshold", "2"]),
      (async () => {
        const file = join(dir, "typo.json");
        await writeFile(file, JSON.stringify({ network: { minimumStake: "1" } }));
        return obscuro([...base, ...explicit, "--settings", file]);
      })(),
    ]);
    assertFails(
      noAttestation,
      2,
      "ATTESTATION_REQUIRED",
      /Choose how nodes attest: --attestation dev .* or --attestation dcap/,
    );
    assertFails(
      noVendor,
      2,
      "VENDOR_REQUIRED",
      /Dev attestation needs the simulated vendor's address: pass --vendor\./,
    );
    assertFails(noCouncil, 2, "COUNCIL_REQUIRED", /Name the security council: --council ADDRESS, or --council-owners/);
    assertFails(badSettings, 2, "SETTINGS", /unknown parameter network\.minimumStake/);
  });
});
