import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createWalletClient, getAddress, http, type Abi, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  bridgeManagementAbi,
  DEFAULT_MIN_STAKE,
  DEFAULT_REGISTRATION_FEE,
  DEFAULT_RESPONSE_TIMEOUT,
  DEFAULT_ROLLUP_SETTINGS,
  DEFAULT_UNBONDING_PERIOD,
  deployProtocol,
  isErrorWithCode,
  networkManagementAbi,
  obscuroTokenAbi,
  rollupManagementAbi,
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
    const treasury = getAddress(anvil.accounts[1]!.address);
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
      "NetworkManagement implementation",
      "NetworkManagement proxy",
      "BridgeManagement implementation",
      "BridgeManagement proxy",
      "RollupManagement implementation",
      "RollupManagement proxy",
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

    // The modules are wired to each other's proxies (the rollup proxy's address was predicted).
    const read = (address: `0x${string}`, abi: Abi, functionName: string) =>
      publicClient.readContract({ address, abi, functionName } as never) as Promise<unknown>;
    const { NetworkManagement, BridgeManagement, RollupManagement, EnclavePolicy, ObscuroToken } = manifest.contracts;
    assert.equal(await read(NetworkManagement, networkManagementAbi, "rollupManagement"), RollupManagement);
    assert.equal(await read(NetworkManagement, networkManagementAbi, "enclavePolicy"), EnclavePolicy);
    assert.equal(await read(NetworkManagement, networkManagementAbi, "stakeToken"), ObscuroToken);
    assert.equal(await read(BridgeManagement, bridgeManagementAbi, "ROLLUP_MANAGEMENT"), RollupManagement);
    assert.equal(await read(RollupManagement, rollupManagementAbi, "NETWORK"), NetworkManagement);
    assert.equal(await read(RollupManagement, rollupManagementAbi, "BRIDGE"), BridgeManagement);
    assert.deepEqual(await read(NetworkManagement, networkManagementAbi, "parameters"), [
      DEFAULT_REGISTRATION_FEE,
      DEFAULT_MIN_STAKE,
      BigInt(DEFAULT_UNBONDING_PERIOD),
      BigInt(DEFAULT_RESPONSE_TIMEOUT),
      treasury,
    ]);
    const [finalityDelay, forkExpiry, slashDepth, reporterShareBps, forkSlashAmount] = (await read(
      RollupManagement,
      rollupManagementAbi,
      "parameters",
    )) as [number, number, number, number, bigint];
    assert.deepEqual(
      { finalityDelay, forkExpiry, slashDepth, reporterShareBps, forkSlashAmount },
      { ...DEFAULT_ROLLUP_SETTINGS },
    );
    assert.deepEqual(manifest.settings.network, {
      registrationFee: DEFAULT_REGISTRATION_FEE,
      minStake: DEFAULT_MIN_STAKE,
      unbondingPeriod: DEFAULT_UNBONDING_PERIOD,
      responseTimeout: DEFAULT_RESPONSE_TIMEOUT,
      treasury,
    });
    for (const name of ["EnclavePolicy", "NetworkManagement", "BridgeManagement", "RollupManagement"] as const) {
      assert.ok(manifest.implementations[name], `${name} implementation`);
      assert.notEqual(manifest.implementations[name], manifest.contracts[name]);
    }

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
