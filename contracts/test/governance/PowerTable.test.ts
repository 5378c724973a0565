import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  encodeFunctionData,
  keccak256,
  parseAbi,
  parseEther,
  toHex,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hashRollupHeader, signRollupHeader, type RollupHeader } from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { deployRollupModules, TEST_ROLLUP_PARAMS } from "../helpers/rollupModules.ts";

/**
 * Walks docs/governance.md: every row of the power table is called, by simulation, from every
 * role; only the row's holder may get through, everyone else must be refused by the access check
 * itself. And every state-changing function of every module must be documented, in the power
 * table or in the table of open functions.
 */

interface Row {
  module: string;
  fn: string;
  holder: string;
}

async function readTables(): Promise<{ powers: Row[]; open: { module: string; fn: string }[] }> {
  const text = await readFile(new URL("../../../docs/governance.md", import.meta.url), "utf8");
  const table = (heading: string): string[][] => {
    const start = text.indexOf(`\n## ${heading}\n`);
    assert.ok(start >= 0, `docs/governance.md has no "## ${heading}" section`);
    const lines = text.slice(start).split("\n").slice(2);
    const rows: string[][] = [];
    let inTable = false;
    for (const line of lines) {
      if (line.startsWith("|")) {
        inTable = true;
        rows.push(
          line
            .split("|")
            .slice(1, -1)
            .map((c) => c.trim()),
        );
      } else if (inTable) break;
    }
    return rows.slice(2); // header and separator
  };
  return {
    powers: table("Power table").map(([module, fn, holder]) => ({ module: module!, fn: fn!, holder: holder! })),
    open: table("Open functions").map(([module, fn]) => ({ module: module!, fn: fn! })),
  };
}

/** The error a non-holder must get, by holder. */
const REFUSAL: Record<string, string> = {
  governance: "GovernedModule_NotGovernance",
  council: "GovernedModule_NotCouncil",
  "council or governance": "BridgeManagement_NotCouncilOrGovernance",
  BridgeManagement: "RollupManagement_NotBridge",
  RollupSlashing: "RollupManagement_NotSlashingModule",
  "RollupSlashing or governance": "NetworkManagement_NotSlasher",
};

describe("the power table", async () => {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [governance, council, outsider, newGovernance, newCouncil] = takeAccounts(await viem.getWalletClients(), 5);
  const chainId = await publicClient.getChainId();
  const enclaveKeys = [generatePrivateKey(), generatePrivateKey()] as const;
  const enclaves = enclaveKeys.map((k) => privateKeyToAccount(k).address);
  const operatorAccounts = enclaveKeys.map(() => privateKeyToAccount(generatePrivateKey()));

  async function fixture() {
    const mockNetwork = await viem.deployContract("MockNetworkManagement");
    const setPublisher = parseAbi(["function setPublisher(address, address, uint256)"]);
    for (const [i, enclave] of enclaves.entries()) {
      await networkHelpers.setBalance(operatorAccounts[i]!.address, parseEther("10"));
      await governance.writeContract({
        address: mockNetwork.address,
        abi: setPublisher,
        functionName: "setPublisher",
        args: [enclave, operatorAccounts[i]!.address, parseEther("1000")],
      });
    }
    const { bridge, rollups, slashing } = await deployRollupModules(
      viem,
      mockNetwork.address,
      governance.account.address,
      council.account.address,
    );
    const verifier = await viem.deployContract("DevAttestationVerifier", [outsider.account.address]);
    const policyImpl = await viem.deployContract("EnclavePolicy");
    const auditors = [1, 2, 3]
      .map((i) => privateKeyToAccount(keccak256(toHex(`auditor ${i}`))).address)
      .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const policyProxy = await viem.deployContract("ERC1967Proxy", [
      policyImpl.address,
      encodeFunctionData({
        abi: policyImpl.abi,
        functionName: "initialize",
        args: [
          governance.account.address,
          council.account.address,
          {
            verifier: verifier.address,
            auditors: auditors as Address[],
            threshold: 2n,
            acceptedTeeTypes: 1,
            acceptedTcbStatuses: 1,
            maxReportAge: 64n,
            keyLifetime: 86_400n,
          },
        ],
      }),
    ]);
    const policy = await viem.getContractAt("EnclavePolicy", policyProxy.address);

    // A real NetworkManagement: the fixture's policy, a stake token, and the fixture's
    // RollupSlashing as its slasher (the rollup modules above keep their mock network).
    const token = await viem.deployContract("ObscuroToken", [governance.account.address, parseEther("1000000")]);
    const networkArgs = [policy.address, token.address, slashing.address] as const;
    const networkImpl = await viem.deployContract("NetworkManagement", [...networkArgs]);
    const networkProxy = await viem.deployContract("ERC1967Proxy", [
      networkImpl.address,
      encodeFunctionData({
        abi: networkImpl.abi,
        functionName: "initialize",
        args: [
          governance.account.address,
          council.account.address,
          {
            registrationFee: parseEther("0.01"),
            minStake: parseEther("10000"),
            unbondingPeriod: 86_400,
            responseTimeout: 3600,
            treasury: governance.account.address,
          },
        ],
      }),
    ]);
    const networkManagement = await viem.getContractAt("NetworkManagement", networkProxy.address);

    // A rollup tree with a canonical chain and a dead two-deep fork whose tip is fork-slashable.
    const submit = async (
      parentHash: Hex,
      who: 0 | 1,
      sibling: Hex = zeroHash,
    ): Promise<{ header: RollupHeader; hash: Hex }> => {
      await networkHelpers.mine(1);
      const l1BlockNumber = (await publicClient.getBlockNumber()) - 1n;
      const parent = await rollups.read.rollup([parentHash]);
      const [depositCount, depositAcc] = await bridge.read.depositQueue();
      const header: RollupHeader = {
        parentHash,
        number: parent.number + 1n,
        l1BlockNumber,
        l1BlockHash: (await publicClient.getBlock({ blockNumber: l1BlockNumber })).hash,
        depositCount,
        depositAcc,
        stateRoot: keccak256(toHex(`${parentHash}${who}`)),
        withdrawalRoot: zeroHash,
        dataHash: keccak256("0x00"),
        keyEpoch: 0,
        keyCommitment: parent.number === 0n ? keccak256("0xe0") : zeroHash,
        enclaveId: enclaves[who]!,
      };
      const { signature } = await signRollupHeader({
        header,
        chainId,
        rollupManagement: rollups.address,
        enclavePrivateKey: enclaveKeys[who],
      });
      await rollups.write.submitRollup(
        [
          header,
          signature,
          "0x00",
          { depositCheckpoint: { seq: 0n, fromBlock: 0n, untilBlock: 0n }, canonicalSibling: sibling },
        ],
        { account: operatorAccounts[who]! },
      );
      return { header, hash: hashRollupHeader({ header, chainId, rollupManagement: rollups.address }) };
    };
    const genesis = await rollups.read.genesisHash();
    const a1 = await submit(genesis, 0);
    const b1 = await submit(genesis, 1, a1.hash);
    const b2 = await submit(b1.hash, 1, a1.hash);
    const a2 = await submit(a1.hash, 0);
    await networkHelpers.mine(TEST_ROLLUP_PARAMS.forkExpiry + 1);
    const a3 = await submit(a2.hash, 0);

    const implementations = {
      EnclavePolicy: (await viem.deployContract("EnclavePolicy")).address,
      NetworkManagement: (await viem.deployContract("NetworkManagement", [...networkArgs])).address,
      BridgeManagement: (await viem.deployContract("BridgeManagement", [rollups.address])).address,
      RollupManagement: (
        await viem.deployContract("RollupManagement", [mockNetwork.address, bridge.address, slashing.address])
      ).address,
      RollupSlashing: (await viem.deployContract("RollupSlashing", [rollups.address, mockNetwork.address])).address,
    };
    return { policy, networkManagement, bridge, rollups, slashing, verifier, auditors, a3, b2, implementations };
  }

  type Fixture = Awaited<ReturnType<typeof fixture>>;

  /** Arguments with which the holder's call must succeed, and an optional state to set up first. */
  function callOf(f: Fixture, row: Row): { args: readonly unknown[]; prepare?: () => Promise<unknown> } {
    const key = `${row.module}.${row.fn}`;
    const calls: Record<string, { args: readonly unknown[]; prepare?: () => Promise<unknown> }> = {
      "EnclavePolicy.setVerifier": { args: [f.verifier.address] },
      "EnclavePolicy.setAuditors": { args: [f.auditors, 1n] },
      "EnclavePolicy.setThreshold": { args: [1n] },
      "EnclavePolicy.setAcceptedTeeTypes": { args: [1] },
      "EnclavePolicy.setAcceptedTcbStatuses": { args: [3] },
      "EnclavePolicy.setRequiredSignerMeasurement": { args: [keccak256("0x5153")] },
      "EnclavePolicy.setRequiredProductId": { args: [true, 7] },
      "EnclavePolicy.setMinSecurityVersion": { args: [2] },
      "EnclavePolicy.setMaxReportAge": { args: [100n] },
      "EnclavePolicy.setKeyLifetime": { args: [7n * 86_400n] },
      "EnclavePolicy.revokeMeasurementByCouncil": { args: [keccak256("0xbad")] },
      "NetworkManagement.setRegistrationFee": { args: [parseEther("0.5")] },
      "NetworkManagement.setMinStake": { args: [parseEther("5000")] },
      "NetworkManagement.setUnbondingPeriod": { args: [7n * 86_400n] },
      "NetworkManagement.setResponseTimeout": { args: [2n * 3600n] },
      "NetworkManagement.setTreasury": { args: [newCouncil.account.address] },
      // The operator has nothing staked here, so the slash takes 0 and pays nothing: it still
      // passes every check a real slash does but the stake itself (the access check comes first).
      "NetworkManagement.slash": {
        args: [operatorAccounts[0]!.address, parseEther("100"), [outsider.account.address], 5000n],
      },
      "BridgeManagement.pause": { args: [86_400n] },
      "BridgeManagement.unpause": {
        args: [],
        prepare: () => f.bridge.write.pause([3600n], { account: council.account }),
      },
      "BridgeManagement.freeze": { args: [f.a3.header] },
      "RollupManagement.declareBreach": { args: [] },
      "RollupManagement.orderKeyDisclosure": { args: [0] },
      "RollupManagement.setFinalityDelay": { args: [5] },
      "RollupManagement.setForkExpiry": { args: [40] },
      "RollupManagement.setKeyRotationPeriod": { args: [2 * 86_400] },
      "RollupManagement.setDisclosureDelay": { args: [2 * 86_400] },
      "RollupManagement.freezeOn": { args: [f.a3.header] },
      "RollupManagement.invalidate": { args: [f.a3.header] },
      "RollupManagement.markForkSlashed": { args: [f.b2.hash, 2n] },
      "RollupSlashing.setSlashDepth": { args: [3] },
      "RollupSlashing.setReporterShareBps": { args: [100] },
      "RollupSlashing.setForkSlashAmount": { args: [parseEther("5")] },
      "RollupSlashing.setInvalidRollupQuorum": { args: [3] },
      "RollupSlashing.setInvalidRollupRewardBps": { args: [2500] },
    };
    if (row.fn === "setCouncil") return { args: [newCouncil.account.address] };
    if (row.fn === "transferGovernance") return { args: [newGovernance.account.address] };
    if (row.fn === "upgradeToAndCall") {
      return { args: [f.implementations[row.module as keyof Fixture["implementations"]], "0x"] };
    }
    const call = calls[key];
    assert.ok(call, `the power table lists ${key}, but the test has no arguments for it`);
    return call;
  }

  function contractOf(f: Fixture, module: string): { address: Address; abi: Abi } {
    const modules: Record<string, { address: Address; abi: Abi }> = {
      EnclavePolicy: f.policy,
      NetworkManagement: f.networkManagement,
      BridgeManagement: f.bridge,
      RollupManagement: f.rollups,
      RollupSlashing: f.slashing,
    };
    const contract = modules[module];
    assert.ok(contract, `unknown module ${module}`);
    return contract;
  }

  /** Simulates the call; returns the custom error's name, or undefined when it goes through. */
  async function attempt(target: { address: Address; abi: Abi }, fn: string, args: readonly unknown[], from: Address) {
    try {
      await publicClient.simulateContract({
        address: target.address,
        abi: target.abi,
        functionName: fn,
        args,
        account: from,
      });
      return undefined;
    } catch (error) {
      const reverted =
        error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
      if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName ?? reverted.shortMessage;
      throw error;
    }
  }

  it("gives every privileged function to its named holder only", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { powers } = await readTables();
    assert.ok(powers.length > 30, "the table was read");
    const roles: Record<string, Address> = {
      governance: governance.account.address,
      council: council.account.address,
      outsider: outsider.account.address,
      BridgeManagement: f.bridge.address,
      RollupSlashing: f.slashing.address,
      RollupManagement: f.rollups.address,
      EnclavePolicy: f.policy.address,
      NetworkManagement: f.networkManagement.address,
    };
    const holdersOf = (holder: string): string[] => holder.split(" or ");
    for (const row of powers) {
      const target = contractOf(f, row.module);
      const { args, prepare } = callOf(f, row);
      const refusal = REFUSAL[row.holder];
      assert.ok(refusal, `unknown holder "${row.holder}" for ${row.module}.${row.fn}`);
      const snapshot = await networkHelpers.takeSnapshot();
      if (prepare) await prepare();
      for (const [role, address] of Object.entries(roles)) {
        const outcome = await attempt(target, row.fn, args, address);
        if (holdersOf(row.holder).includes(role)) {
          assert.equal(
            outcome,
            undefined,
            `${row.module}.${row.fn} must succeed for its holder ${role}, got ${outcome}`,
          );
        } else {
          assert.equal(
            outcome,
            refusal,
            `${row.module}.${row.fn} from ${role}: expected ${refusal}, got ${outcome ?? "success"}`,
          );
        }
      }
      await snapshot.restore();
    }
  });

  it("documents every state-changing function of every module", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { powers, open } = await readTables();
    const documented = new Set([...powers, ...open].map((r) => `${r.module}.${r.fn}`));
    const everyModule = new Set(open.filter((r) => r.module === "every module").map((r) => r.fn));
    const missing: string[] = [];
    for (const module of [
      "EnclavePolicy",
      "NetworkManagement",
      "BridgeManagement",
      "RollupManagement",
      "RollupSlashing",
    ]) {
      const { abi } = contractOf(f, module);
      for (const item of abi) {
        if (item.type !== "function" || item.stateMutability === "view" || item.stateMutability === "pure") continue;
        if (!documented.has(`${module}.${item.name}`) && !everyModule.has(item.name))
          missing.push(`${module}.${item.name}`);
      }
    }
    assert.deepEqual(missing, [], "state-changing functions missing from docs/governance.md");
    for (const row of [...powers, ...open].filter((r) => r.module !== "every module")) {
      const { abi } = contractOf(f, row.module);
      assert.ok(
        abi.some((item) => item.type === "function" && item.name === row.fn),
        `docs/governance.md lists ${row.module}.${row.fn}, which does not exist`,
      );
    }
  });
});
