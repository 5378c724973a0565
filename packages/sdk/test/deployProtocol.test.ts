import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createWalletClient, getAddress, http, type Abi, type PublicClient } from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  bridgeManagementAbi,
  DEFAULT_MIN_STAKE,
  DEFAULT_REGISTRATION_FEE,
  DEFAULT_RESPONSE_TIMEOUT,
  DEFAULT_GOVERNANCE_SETTINGS,
  DEFAULT_ROLLUP_SETTINGS,
  DEFAULT_SLASHING_SETTINGS,
  DEFAULT_UNBONDING_PERIOD,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
  deployProtocol,
  isErrorWithCode,
  networkManagementAbi,
  obscuroTokenAbi,
  obscuroGovernorAbi,
  obscuroTimelockAbi,
  rollupManagementAbi,
  rollupSlashingAbi,
  safeAbi,
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

  it("deploys the token, governance, the council Safe and every module, and round-trips the manifest", async () => {
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
      "ObscuroTimelock",
      "ObscuroGovernor",
      "CouncilSafe",
      "DevAttestationVerifier",
      "EnclavePolicy implementation",
      "EnclavePolicy proxy",
      "NetworkManagement implementation",
      "NetworkManagement proxy",
      "BridgeManagement implementation",
      "BridgeManagement proxy",
      "RollupSlashing implementation",
      "RollupSlashing proxy",
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

    // The modules are wired to each other's proxies (two addresses were predicted from the nonce).
    const read = (address: `0x${string}`, abi: Abi, functionName: string) =>
      publicClient.readContract({ address, abi, functionName } as never) as Promise<unknown>;
    const { NetworkManagement, BridgeManagement, RollupManagement, RollupSlashing, EnclavePolicy, ObscuroToken } =
      manifest.contracts;
    assert.equal(await read(NetworkManagement, networkManagementAbi, "rollupSlashing"), RollupSlashing);
    assert.equal(await read(NetworkManagement, networkManagementAbi, "enclavePolicy"), EnclavePolicy);
    assert.equal(await read(NetworkManagement, networkManagementAbi, "stakeToken"), ObscuroToken);
    assert.equal(await read(BridgeManagement, bridgeManagementAbi, "rollups"), RollupManagement);
    assert.equal(await read(RollupManagement, rollupManagementAbi, "networkManagement"), NetworkManagement);
    assert.equal(await read(RollupManagement, rollupManagementAbi, "bridgeManagement"), BridgeManagement);
    assert.equal(await read(RollupManagement, rollupManagementAbi, "rollupSlashing"), RollupSlashing);
    assert.equal(await read(RollupSlashing, rollupSlashingAbi, "rollups"), RollupManagement);
    assert.equal(await read(RollupSlashing, rollupSlashingAbi, "networkManagement"), NetworkManagement);
    assert.deepEqual(await read(NetworkManagement, networkManagementAbi, "parameters"), [
      DEFAULT_REGISTRATION_FEE,
      DEFAULT_MIN_STAKE,
      BigInt(DEFAULT_UNBONDING_PERIOD),
      BigInt(DEFAULT_RESPONSE_TIMEOUT),
      treasury,
    ]);
    const [finalityDelay, forkExpiry] = (await read(RollupManagement, rollupManagementAbi, "parameters")) as number[];
    const [keyRotationPeriod, disclosureDelay] = (await read(
      RollupManagement,
      rollupManagementAbi,
      "keyParameters",
    )) as number[];
    assert.deepEqual({ finalityDelay, forkExpiry, keyRotationPeriod, disclosureDelay }, { ...DEFAULT_ROLLUP_SETTINGS });
    const [slashDepth, reporterShareBps, forkSlashAmount, invalidRollupQuorum, invalidRollupRewardBps] = (await read(
      RollupSlashing,
      rollupSlashingAbi,
      "parameters",
    )) as [number, number, bigint, number, number];
    assert.deepEqual(
      { slashDepth, reporterShareBps, forkSlashAmount, invalidRollupQuorum, invalidRollupRewardBps },
      { ...DEFAULT_SLASHING_SETTINGS },
    );

    // Nothing is left in the deployer's hands: every module answers to the Timelock (driven by
    // the Governor) and the council Safe (the dev council, 2 of 3).
    const { ObscuroTimelock, ObscuroGovernor } = manifest.contracts;
    assert.ok(ObscuroTimelock && ObscuroGovernor);
    assert.equal(manifest.settings.governance, ObscuroTimelock);
    for (const module of [EnclavePolicy, NetworkManagement, BridgeManagement, RollupSlashing, RollupManagement]) {
      assert.equal(await read(module, rollupManagementAbi, "governance"), ObscuroTimelock);
      assert.equal(await read(module, rollupManagementAbi, "council"), manifest.settings.council);
    }
    assert.equal(await read(ObscuroGovernor, obscuroGovernorAbi, "timelock"), ObscuroTimelock);
    assert.equal(await read(ObscuroGovernor, obscuroGovernorAbi, "token"), ObscuroToken);
    assert.equal(
      await read(ObscuroGovernor, obscuroGovernorAbi, "votingPeriod"),
      BigInt(DEFAULT_GOVERNANCE_SETTINGS.votingPeriod),
    );
    assert.equal(
      await read(ObscuroTimelock, obscuroTimelockAbi, "getMinDelay"),
      BigInt(DEFAULT_GOVERNANCE_SETTINGS.timelockDelay),
    );
    const devCouncil = DEV_COUNCIL_PRIVATE_KEYS.map((key) => privateKeyToAddress(key));
    assert.deepEqual(
      ((await read(manifest.settings.council, safeAbi, "getOwners")) as string[]).map((a) => getAddress(a)),
      devCouncil,
    );
    assert.equal(await read(manifest.settings.council, safeAbi, "getThreshold"), BigInt(DEV_COUNCIL_THRESHOLD));
    assert.deepEqual(manifest.settings.councilSafe, { owners: devCouncil, threshold: DEV_COUNCIL_THRESHOLD });
    // The treasury is another account here, so nobody's votes were delegated.
    assert.equal(
      await publicClient.readContract({
        address: ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "getVotes",
        args: [treasury],
      }),
      0n,
    );

    assert.deepEqual(manifest.settings.network, {
      registrationFee: DEFAULT_REGISTRATION_FEE,
      minStake: DEFAULT_MIN_STAKE,
      unbondingPeriod: DEFAULT_UNBONDING_PERIOD,
      responseTimeout: DEFAULT_RESPONSE_TIMEOUT,
      treasury,
    });
    for (const name of [
      "EnclavePolicy",
      "NetworkManagement",
      "BridgeManagement",
      "RollupSlashing",
      "RollupManagement",
    ] as const) {
      assert.ok(manifest.implementations[name], `${name} implementation`);
      assert.notEqual(manifest.implementations[name], manifest.contracts[name]);
    }

    const path = await writeDeploymentManifest({ manifest, directory });
    assert.equal(path, join(directory, "31337.json"));
    const text = await readFile(path, "utf8");
    assert.match(text, /"tokenSupply": "1000000000000000000000000000"/);
    assert.deepEqual(await readDeploymentManifest({ directory, chainId: 31337 }), manifest);
  });

  it("uses the governance and council addresses it is given, and delegates the deployer-treasury's votes", async () => {
    const account = privateKeyToAccount(anvil.accounts[2]!.privateKey);
    const walletClient = createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) });
    const council = getAddress(anvil.accounts[3]!.address);
    const manifest = await deployProtocol({ walletClient, publicClient, council });
    assert.equal(manifest.settings.council, council);
    assert.equal(manifest.settings.councilSafe, undefined);
    assert.equal(
      await publicClient.readContract({
        address: manifest.contracts.ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "getVotes",
        args: [account.address],
      }),
      DEFAULT_TOKEN_SUPPLY,
      "the deployer is the treasury: its votes are delegated to itself",
    );

    const direct = await deployProtocol({ walletClient, publicClient, governance: account.address, council });
    assert.equal(direct.contracts.ObscuroTimelock, undefined);
    assert.equal(direct.settings.governanceDao, undefined);
    assert.equal(
      await publicClient.readContract({
        address: direct.contracts.BridgeManagement,
        abi: bridgeManagementAbi,
        functionName: "governance",
      }),
      getAddress(account.address),
    );
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
