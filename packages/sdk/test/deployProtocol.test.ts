import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  getContractAddress,
  http,
  type Abi,
  type PublicClient,
} from "viem";
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
  deployProtocol,
  planProtocolDeployment,
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
import {
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
  devAttestationSetup,
  devCouncilSettings,
  startAnvil,
  type AnvilInstance,
} from "../src/devtools/index.ts";

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

    const manifest = await deployProtocol(walletClient, {
      attestation: devAttestationSetup(),
      councilSettings: devCouncilSettings(),
      treasury,
      commit: "abc123",
      onDeployed: ({ name, role }) => deployed.push(role ? `${name} ${role}` : name),
    });

    assert.deepEqual(deployed, [
      "ObscuroToken",
      "ObscuroTimelock",
      "ObscuroGovernor",
      "SafeSingleton",
      "SafeProxyFactory",
      "SafeFallbackHandler",
      "CouncilSafe",
      "AttestationVerifier",
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

    // The modules are wired to each other's proxies (forward references resolved by the plan).
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
    const manifest = await deployProtocol(walletClient, { attestation: devAttestationSetup(), council });
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

    const direct = await deployProtocol(walletClient, {
      attestation: devAttestationSetup(),
      governance: account.address,
      council,
    });
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
    await assert.rejects(
      deployProtocol(walletClient, { attestation: devAttestationSetup(), council: broke.address }),
      (error) => isErrorWithCode(error, "DEPLOYMENT_FAILED"),
    );
  });

  it("refuses to guess the attestation setup or the council, and refuses settings the contracts would refuse", async () => {
    const account = privateKeyToAccount(anvil.accounts[4]!.privateKey);
    const walletClient = createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) });
    const nonce = await publicClient.getTransactionCount({ address: account.address });
    await assert.rejects(
      deployProtocol(walletClient, { council: account.address } as never),
      (error) => isErrorWithCode(error, "DEPLOYMENT_SETTING_REQUIRED") && error.setting === "attestation",
    );
    await assert.rejects(
      deployProtocol(walletClient, { attestation: devAttestationSetup() }),
      (error) => isErrorWithCode(error, "DEPLOYMENT_SETTING_REQUIRED") && error.setting === "council",
    );
    await assert.rejects(
      deployProtocol(walletClient, { attestation: devAttestationSetup({ threshold: 4 }), council: account.address }),
      (error) => isErrorWithCode(error, "INVALID_DEPLOYMENT_SETTING"),
    );
    await assert.rejects(
      deployProtocol(walletClient, {
        attestation: devAttestationSetup(),
        councilSettings: { owners: [account.address, account.address], threshold: 1 },
      }),
      (error) => isErrorWithCode(error, "INVALID_COUNCIL"),
    );
    assert.equal(await publicClient.getTransactionCount({ address: account.address }), nonce, "nothing was sent");
  });

  it("plans every step and its address up front: consecutive nonces, forward references resolved", () => {
    const deployer = getAddress(anvil.accounts[5]!.address);
    const { plan, manifest } = planProtocolDeployment({
      deployer,
      nonce: 7,
      chainId: 31337,
      attestation: devAttestationSetup(),
      governance: deployer,
      council: deployer,
    });
    assert.deepEqual(
      plan.steps.map((step) => step.nonce),
      plan.steps.map((_, i) => 7 + i),
    );
    for (const step of plan.steps) {
      assert.equal(step.address, getContractAddress({ from: deployer, nonce: BigInt(step.nonce) }), step.name);
    }
    // NetworkManagement's implementation is created before RollupSlashing, yet names its proxy.
    const network = plan.steps.find((s) => s.name === "NetworkManagement" && s.role === "implementation")!;
    const slashing = plan.steps.find((s) => s.name === "RollupSlashing" && s.role === "proxy")!;
    assert.ok(network.nonce < slashing.nonce);
    assert.ok(network.data.toLowerCase().includes(slashing.address!.slice(2).toLowerCase()));
    assert.equal(manifest.contracts.RollupSlashing, slashing.address);
  });

  it("reads a version-1 manifest (the dev verifier under its own name) as version 2", async () => {
    const v2 = JSON.parse(await readFile(join(directory, "31337.json"), "utf8")) as {
      contracts: Record<string, string>;
      settings: { attestation: Record<string, unknown> };
    };
    const { AttestationVerifier, ...contracts } = v2.contracts;
    const { kind, ...attestation } = v2.settings.attestation;
    assert.equal(kind, "dev");
    const v1 = {
      ...v2,
      version: 1,
      chainId: 7,
      contracts: { ...contracts, DevAttestationVerifier: AttestationVerifier },
      settings: { ...v2.settings, attestation },
    };
    await writeFile(join(directory, "7.json"), JSON.stringify(v1));
    const read = await readDeploymentManifest({ directory, chainId: 7 });
    assert.equal(read.version, 2);
    assert.equal(read.contracts.AttestationVerifier, AttestationVerifier);
    assert.equal(read.settings.attestation.kind, "dev");
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
