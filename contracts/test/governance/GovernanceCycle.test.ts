import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseAbi, parseEther, toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { takeAccounts } from "../helpers/accounts.ts";
import { deployGovernance, passProposal, TEST_GOVERNANCE } from "../helpers/governance.ts";
import { deployRollupModules } from "../helpers/rollupModules.ts";

/** OpenZeppelin's ProposalState enum. */
const ProposalState = { Pending: 0, Active: 1, Succeeded: 4, Queued: 5, Executed: 7 } as const;

describe("governance: proposal, vote, Timelock", async () => {
  const { viem, networkHelpers } = await network.create();
  const [holder, council, newAuditor, outsider] = takeAccounts(await viem.getWalletClients(), 4);
  const auditorKeys = [1n, 2n, 3n].map((i) => keccak256(toHex(`test auditor ${i}`)));
  const auditors = auditorKeys
    .map((k) => privateKeyToAccount(k).address)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

  async function deployPolicy(governance: Address) {
    const verifier = await viem.deployContract("DevAttestationVerifier", [
      privateKeyToAccount(auditorKeys[0]!).address,
    ]);
    const implementation = await viem.deployContract("EnclavePolicy");
    const init = encodeFunctionData({
      abi: implementation.abi,
      functionName: "initialize",
      args: [
        governance,
        council.account.address,
        {
          verifier: verifier.address,
          auditors,
          threshold: 2n,
          acceptedTeeTypes: 1,
          acceptedTcbStatuses: 1,
          maxReportAge: 64n,
          keyLifetime: 30n * 86_400n,
        },
      ],
    });
    const proxy = await viem.deployContract("ERC1967Proxy", [implementation.address, init]);
    return viem.getContractAt("EnclavePolicy", proxy.address);
  }

  async function fixture() {
    const governance = await deployGovernance(viem, holder.account.address);
    const policy = await deployPolicy(governance.timelock.address);
    return { ...governance, policy };
  }

  it("adds an auditor: propose, vote, wait, queue, execute", async () => {
    const { governor, timelock, policy } = await networkHelpers.loadFixture(fixture);
    const versionBefore = await policy.read.policyVersion();
    const next = [...auditors, newAuditor.account.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const call = { target: policy.address, abi: policy.abi, functionName: "setAuditors", args: [next, 3n] } as const;
    const description = "Add an auditor and raise the threshold to 3";

    // Step by step, checking the proposal's state at each stage.
    const calldata = encodeFunctionData(call);
    const descriptionHash = keccak256(toHex(description));
    await governor.write.propose([[policy.address], [0n], [calldata], description], { account: holder.account });
    const id = await governor.read.hashProposal([[policy.address], [0n], [calldata], descriptionHash]);
    assert.equal(await governor.read.state([id]), ProposalState.Pending);
    await networkHelpers.time.increase(TEST_GOVERNANCE.votingDelay + 1);
    assert.equal(await governor.read.state([id]), ProposalState.Active);
    await governor.write.castVote([id, 1], { account: holder.account });
    await networkHelpers.time.increase(TEST_GOVERNANCE.votingPeriod + 1);
    assert.equal(await governor.read.state([id]), ProposalState.Succeeded);
    await governor.write.queue([[policy.address], [0n], [calldata], descriptionHash], { account: holder.account });
    assert.equal(await governor.read.state([id]), ProposalState.Queued);

    // The Timelock's delay is enforced: too early, nothing happens.
    await assert.rejects(
      governor.write.execute([[policy.address], [0n], [calldata], descriptionHash], { account: outsider.account }),
    );
    assert.deepEqual(await policy.read.auditors(), auditors);

    await networkHelpers.time.increase(TEST_GOVERNANCE.timelockDelay + 1);
    await governor.write.execute([[policy.address], [0n], [calldata], descriptionHash], { account: outsider.account });
    assert.equal(await governor.read.state([id]), ProposalState.Executed);
    assert.deepEqual(
      (await policy.read.auditors()).map((a) => getAddress(a)),
      next.map((a) => getAddress(a)),
    );
    assert.equal(await policy.read.threshold(), 3n);
    assert.equal(await policy.read.policyVersion(), versionBefore + 1n);
    assert.equal(getAddress(await policy.read.governance()), getAddress(timelock.address));
  });

  it("refuses the same change from the council or any account but the Timelock", async () => {
    const { policy } = await networkHelpers.loadFixture(fixture);
    for (const caller of [council, holder, outsider]) {
      await viem.assertions.revertWithCustomError(
        policy.write.setAuditors([auditors, 1n], { account: caller.account }),
        policy,
        "GovernedModule_NotGovernance",
      );
    }
  });

  it("defeats a proposal without quorum and never executes it", async () => {
    const { governor, token, policy } = await networkHelpers.loadFixture(fixture);
    // The holder gives away all but 1% of its votes to an account that never votes.
    await token.write.transfer([outsider.account.address, (TEST_GOVERNANCE.supply * 99n) / 100n], {
      account: holder.account,
    });
    await token.write.delegate([outsider.account.address], { account: outsider.account });
    const calldata = encodeFunctionData({ abi: policy.abi, functionName: "setThreshold", args: [1n] });
    await governor.write.propose([[policy.address], [0n], [calldata], "Lower the threshold"], {
      account: holder.account,
    });
    const id = await governor.read.hashProposal([
      [policy.address],
      [0n],
      [calldata],
      keccak256(toHex("Lower the threshold")),
    ]);
    await networkHelpers.time.increase(TEST_GOVERNANCE.votingDelay + 1);
    await governor.write.castVote([id, 1], { account: holder.account });
    await networkHelpers.time.increase(TEST_GOVERNANCE.votingPeriod + 1);
    assert.equal(await governor.read.state([id]), 3, "Defeated: 1% < 4% quorum");
    await viem.assertions.revertWithCustomError(
      governor.write.queue([[policy.address], [0n], [calldata], keccak256(toHex("Lower the threshold"))], {
        account: holder.account,
      }),
      governor,
      "GovernorUnexpectedProposalState",
    );
    assert.equal(await policy.read.threshold(), 2n);
  });

  it("upgrades BridgeManagement through the Timelock and keeps every deposit", async () => {
    const { governor, timelock } = await networkHelpers.loadFixture(fixture);
    const mockNetwork = await viem.deployContract("MockNetworkManagement");
    const { bridge, rollups } = await deployRollupModules(
      viem,
      mockNetwork.address,
      timelock.address,
      council.account.address,
    );
    await bridge.write.depositETH([holder.account.address], { account: holder.account, value: parseEther("1") });
    await bridge.write.depositETH([outsider.account.address], { account: outsider.account, value: parseEther("2") });
    const [countBefore, accBefore] = await bridge.read.depositQueue();

    const v2 = await viem.deployContract("BridgeManagementV2", [rollups.address]);
    // the council cannot upgrade, nor can anyone but the Timelock
    await viem.assertions.revertWithCustomError(
      bridge.write.upgradeToAndCall([v2.address, "0x"], { account: council.account }),
      bridge,
      "GovernedModule_NotGovernance",
    );
    await passProposal(
      viem,
      networkHelpers,
      governor,
      holder.account.address,
      [{ target: bridge.address, abi: bridge.abi, functionName: "upgradeToAndCall", args: [v2.address, "0x"] }],
      "Upgrade the bridge to V2",
    );
    const publicClient = await viem.getPublicClient();
    // BridgeManagementV2 is a test contract (no generated typings): one typed call for its marker.
    const marker = await publicClient.readContract({
      address: bridge.address,
      abi: parseAbi(["function upgradedTo() view returns (string)"]),
      functionName: "upgradedTo",
    });
    assert.equal(marker, "BridgeManagementV2");
    const upgraded = bridge;
    const [countAfter, accAfter] = await upgraded.read.depositQueue();
    assert.equal(countAfter, countBefore);
    assert.equal(accAfter, accBefore);
    assert.equal(await publicClient.getBalance({ address: bridge.address }), parseEther("3"));
    // the upgraded bridge keeps working
    await upgraded.write.depositETH([holder.account.address], { account: holder.account, value: 1n });
    assert.equal((await upgraded.read.depositQueue())[0], 3n);
    const implementationSlot = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
    const stored = await (
      await viem.getPublicClient()
    ).getStorageAt({ address: bridge.address, slot: implementationSlot });
    assert.equal(getAddress(`0x${stored!.slice(26)}`), getAddress(v2.address));
  });
});
