import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encodeFunctionData, keccak256, parseEther, toHex } from "viem";
import { readContract } from "viem/actions";
import {
  bridgeManagementAbi,
  computeProposalId,
  DEFAULT_GOVERNANCE_SETTINGS,
  isErrorWithCode,
  networkManagementAbi,
  obscuroGovernorAbi,
  ProposalState,
  signCouncilTransaction,
} from "../src/index.ts";
import { devCouncilSigners, foundDevNetwork } from "../src/devtools/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

/*
 * The actions the role commands of the CLI stand on: governance proposals over the Governor and
 * the Timelock, council actions signed offline by the Safe's owners, and the node list.
 */
describe("roles: governance proposals, offline council signatures, the node list", () => {
  let l1: DevL1;

  before(async () => {
    // Its own Governor and Timelock, and a council Safe of the dev owners (two of three sign).
    l1 = await startDevL1({ deploy: { governance: undefined, council: undefined } });
  });
  after(async () => l1?.stop());

  it("takes a proposal from creation to execution, with its id, state and votes read back", async () => {
    const { publicClient, wallet, mined, testClient, manifest } = l1;
    const holder = wallet(0);
    const data = encodeFunctionData({
      abi: networkManagementAbi,
      functionName: "setMinStake",
      args: [parseEther("3")],
    });
    const actions = [{ target: manifest.contracts.NetworkManagement, value: 0n, data }];
    const description = "Lower the minimum stake to 3 OBX";
    const proposalId = computeProposalId({ actions, description });
    const governor = { address: manifest.contracts.ObscuroGovernor!, abi: obscuroGovernorAbi } as const;

    await mined(holder.createProposal({ actions, description }));
    const created = await publicClient.getProposal({ proposalId });
    assert.equal(created.state, ProposalState.Pending);
    assert.deepEqual(created.actions, actions);
    assert.equal(
      await readContract(publicClient, {
        ...governor,
        functionName: "hashProposal",
        args: [[actions[0]!.target], [0n], [data], created.descriptionHash],
      }),
      proposalId,
    );
    // Each governance action refuses by the Governor's error name while the proposal is pending, sending nothing.
    const pendingState = (error: unknown) =>
      isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "GovernorUnexpectedProposalState";
    const nonceBefore = await publicClient.getTransactionCount({
      address: holder.account.address,
      blockTag: "pending",
    });
    await assert.rejects(holder.castVote({ proposalId, support: "for" }), pendingState);
    await assert.rejects(holder.createProposal({ actions, description }), pendingState, "the same proposal twice");
    await assert.rejects(holder.queueProposal({ proposalId }), pendingState);
    await assert.rejects(holder.executeProposal({ proposalId }), pendingState);
    assert.equal(
      await publicClient.getTransactionCount({ address: holder.account.address, blockTag: "pending" }),
      nonceBefore,
      "nothing was sent",
    );

    const travel = async (seconds: number) => {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    };
    await travel(DEFAULT_GOVERNANCE_SETTINGS.votingDelay + 1);
    await mined(holder.castVote({ proposalId, support: "for", reason: "cheaper to join" }));
    assert.equal((await publicClient.getProposal({ proposalId })).votes.for, parseEther("1000000000"));
    await travel(DEFAULT_GOVERNANCE_SETTINGS.votingPeriod);
    await mined(wallet(3).queueProposal({ proposalId }));
    const queued = await publicClient.getProposal({ proposalId });
    assert.equal(queued.stateName, "Queued");
    assert.ok(queued.eta > 0n);
    await travel(DEFAULT_GOVERNANCE_SETTINGS.timelockDelay + 1);
    await mined(wallet(3).executeProposal({ proposalId }));
    assert.equal((await publicClient.getProposal({ proposalId })).state, ProposalState.Executed);
    assert.equal((await publicClient.getNetworkInfo()).minStake, parseEther("3"));
    assert.deepEqual(
      (await publicClient.getProposals()).map((p) => p.proposalId),
      [proposalId],
    );
    await assert.rejects(publicClient.getProposal({ proposalId: 1n }), (error) =>
      isErrorWithCode(error, "PROPOSAL_NOT_FOUND"),
    );
    await assert.rejects(holder.createProposal({ actions: [], description: "nothing" }), (error) =>
      isErrorWithCode(error, "INVALID_PROPOSAL"),
    );
  });

  it("executes a council action from owners' signatures made apart, only at the Safe's current nonce", async () => {
    const { publicClient, wallet, mined, manifest } = l1;
    const relayer = wallet(4);
    const safe = await publicClient.getCouncilSafe();
    assert.deepEqual([safe.threshold, safe.owners.length, safe.version], [2, 3, "1.4.1"]);
    const [ownerA, ownerB] = devCouncilSigners(2);
    const to = manifest.contracts.BridgeManagement;
    const data = encodeFunctionData({ abi: bridgeManagementAbi, functionName: "pause", args: [3600n] });
    const transaction = { chainId: safe.chainId, safe: safe.safe, to, data, nonce: safe.nonce };
    const signAll = (call: typeof data) =>
      Promise.all([ownerA!, ownerB!].map((owner) => signCouncilTransaction({ ...transaction, data: call, owner })));
    const signatures = await signAll(data);
    // Signed ahead, at the same nonce: an unpause.
    const unpause = encodeFunctionData({ abi: bridgeManagementAbi, functionName: "unpause", args: [] });
    const unpauseSignatures = await signAll(unpause);

    // One is below the threshold; a signature over another call does not count.
    await assert.rejects(relayer.executeCouncilAction({ to, data, signatures: signatures.slice(0, 1) }), (error) =>
      isErrorWithCode(error, "COUNCIL_SIGNERS"),
    );
    const other = encodeFunctionData({ abi: bridgeManagementAbi, functionName: "pause", args: [60n] });
    await assert.rejects(relayer.executeCouncilAction({ to, data: other, signatures }), (error) =>
      isErrorWithCode(error, "COUNCIL_SIGNERS"),
    );
    await mined(relayer.executeCouncilAction({ to, data, signatures }));
    assert.equal((await publicClient.getEmergencyStatus()).paused, true);
    assert.equal((await publicClient.getCouncilSafe()).nonce, safe.nonce + 1n);
    // The unpause was signed at the nonce the pause used: it no longer counts.
    await assert.rejects(relayer.executeCouncilAction({ to, data: unpause, signatures: unpauseSignatures }), (error) =>
      isErrorWithCode(error, "COUNCIL_SIGNERS"),
    );
    assert.equal((await publicClient.getEmergencyStatus()).paused, true);
  });

  it("lists every registered node, and knows no rollup that was never submitted", async () => {
    const { publicClient, wallet } = l1;
    assert.deepEqual(await publicClient.getNodes(), []);
    const founded = await foundDevNetwork(wallet(0));
    const nodes = await publicClient.getNodes();
    assert.deepEqual(
      nodes.map((n) => [n.enclaveId, n.active, n.hasSecret]),
      [[founded.enclave.enclaveId, true, true]],
    );
    await assert.rejects(publicClient.getSubmittedRollup({ rollupHash: keccak256(toHex("no such rollup")) }), (error) =>
      isErrorWithCode(error, "ROLLUP_NOT_FOUND"),
    );
  });
});
