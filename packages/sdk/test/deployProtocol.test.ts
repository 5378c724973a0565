import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createWalletClient, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  deployProtocol,
  isErrorWithCode,
  obscuroTokenAbi,
  readDeploymentManifest,
  writeDeploymentManifest,
  DEFAULT_TOKEN_SUPPLY,
} from "../src/index.ts";
import { startAnvil, type AnvilInstance } from "../src/devtools/index.ts";

describe("deployProtocol on anvil", () => {
  let anvil: AnvilInstance;
  let publicClient: PublicClient;
  let directory: string;

  before(async () => {
    anvil = await startAnvil();
    publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    directory = await mkdtemp(join(tmpdir(), "obscuro-deployments-"));
  });
  after(async () => {
    await anvil?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("deploys the token to the treasury and round-trips the manifest", async () => {
    const account = privateKeyToAccount(anvil.accounts[0]!.privateKey);
    const walletClient = createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) });
    const treasury = anvil.accounts[1]!.address;
    const deployed: string[] = [];

    const manifest = await deployProtocol({
      walletClient,
      publicClient,
      treasury,
      commit: "abc123",
      onDeployed: ({ name, role }) => deployed.push(role ? `${name} ${role}` : name),
    });

    assert.deepEqual(deployed, [
      "ObscuroToken",
      "DevAttestationVerifier",
      "EnclavePolicy implementation",
      "EnclavePolicy proxy",
    ]);
    assert.equal(manifest.chainId, 31337);
    assert.equal(manifest.commit, "abc123");
    assert.ok(manifest.deployBlock > 0n);
    const balance = await publicClient.readContract({
      address: manifest.contracts.ObscuroToken,
      abi: obscuroTokenAbi,
      functionName: "balanceOf",
      args: [treasury],
    });
    assert.equal(balance, DEFAULT_TOKEN_SUPPLY);

    const path = await writeDeploymentManifest({ manifest, directory });
    assert.equal(path, join(directory, "31337.json"));
    const text = await readFile(path, "utf8");
    assert.match(text, /"tokenSupply": "1000000000000000000000000000"/);
    assert.deepEqual(await readDeploymentManifest({ directory, chainId: 31337 }), manifest);
  });

  it("fails with DEPLOYMENT_FAILED when the deployer cannot pay", async () => {
    const broke = privateKeyToAccount("0x1111111111111111111111111111111111111111111111111111111111111111");
    const walletClient = createWalletClient({ account: broke, chain: foundry, transport: http(anvil.rpcUrl) });
    await assert.rejects(deployProtocol({ walletClient, publicClient }), (error) =>
      isErrorWithCode(error, "DEPLOYMENT_FAILED"),
    );
  });

  it("refuses a malformed manifest with INVALID_DEPLOYMENT_MANIFEST", async () => {
    await writeFile(join(directory, "5.json"), JSON.stringify({ version: 1, chainId: 5, contracts: {}, settings: {} }));
    await assert.rejects(readDeploymentManifest({ directory, chainId: 5 }), (error) =>
      isErrorWithCode(error, "INVALID_DEPLOYMENT_MANIFEST"),
    );
    await assert.rejects(readDeploymentManifest({ directory, chainId: 6 }), (error) =>
      isErrorWithCode(error, "INVALID_DEPLOYMENT_MANIFEST"),
    );
  });
});
