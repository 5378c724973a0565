import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEFAULT_GOVERNANCE_SETTINGS, DEFAULT_MIN_STAKE } from "@obscuro/sdk";
import { parseEther } from "viem";
import { assertFails, jsonOf, obscuro, startCliNetwork, type CliNetwork } from "./helpers/cli.ts";

describe("obscuro gov", () => {
  let net: CliNetwork;
  let holder: string;
  let outsider: string;

  before(async () => {
    // Token-holder governance of its own (Governor + Timelock); account 0 holds and delegates every token.
    net = await startCliNetwork({ governance: undefined });
    [holder, outsider] = await Promise.all([net.account(0), net.account(7)]);
  });
  after(async () => net?.close());

  it("changes a parameter end to end: propose, vote, queue, execute", async () => {
    const newMinStake = parseEther("2");
    assert.equal((await net.publicClient.getNetworkInfo()).minStake, DEFAULT_MIN_STAKE);
    const proposed = jsonOf<{ proposalId: string; state: string; voteStart: string }>(
      await obscuro([
        "gov",
        "propose",
        "--target",
        "networkManagement",
        "--call",
        "setMinStake(uint256)",
        "--args",
        newMinStake.toString(),
        "--description",
        "Lower the minimum stake to 2 OBX",
        "--private-key-file",
        holder,
        ...net.network,
        "--json",
      ]),
    );
    assert.equal(proposed.state, "Pending");
    const id = proposed.proposalId;

    // Too early to vote: one sentence saying when voting opens, and nothing sent.
    assertFails(
      await obscuro(["gov", "vote", id, "for", "--private-key-file", holder, ...net.network]),
      1,
      "PROPOSAL_STATE",
      new RegExp(`Proposal ${id} cannot be voted on yet: voting opens \\d{4}-\\d\\d-\\d\\dT`),
    );
    await net.travel(DEFAULT_GOVERNANCE_SETTINGS.votingDelay + 1);
    const [noVotes, voted] = await Promise.all([
      obscuro(["gov", "vote", id, "for", "--private-key-file", outsider, ...net.network]),
      obscuro([
        "gov",
        "vote",
        id,
        "for",
        "--reason",
        "cheaper to join",
        "--private-key-file",
        holder,
        ...net.network,
        "--json",
      ]),
    ]);
    assertFails(noVotes, 1, "NO_VOTES", /had no votes at the proposal's snapshot/);
    const afterVote = jsonOf<{ votes: { for: string }; state: string }>(voted);
    assert.equal(afterVote.state, "Active");
    assert.equal(BigInt(afterVote.votes.for), parseEther("1000000000"));

    // Voting is still open: queueing is refused with the time it closes.
    assertFails(
      await obscuro(["gov", "queue", id, "--private-key-file", outsider, ...net.network]),
      1,
      "PROPOSAL_STATE",
      /cannot be queued while voting is open: voting closes/,
    );
    await net.travel(DEFAULT_GOVERNANCE_SETTINGS.votingPeriod);
    const queued = jsonOf<{ state: string; eta: string }>(
      await obscuro(["gov", "queue", id, "--private-key-file", outsider, ...net.network, "--json"]),
    );
    assert.equal(queued.state, "Queued");

    // The Timelock's delay holds it back, by the simulation of the pending block.
    assertFails(
      await obscuro(["gov", "execute", id, "--private-key-file", outsider, ...net.network]),
      1,
      "TIMELOCK_NOT_READY",
      new RegExp(`Proposal ${id} can be executed from .*, once the Timelock's delay has passed\\.`),
    );
    await net.travel(DEFAULT_GOVERNANCE_SETTINGS.timelockDelay + 1);
    const executed = await obscuro(["gov", "execute", id, "--private-key-file", outsider, ...net.network]);
    assert.equal(executed.code, 0, executed.stderr);
    assert.match(executed.stdout, /Executed: the Timelock made the proposal's calls/);
    assert.equal((await net.publicClient.getNetworkInfo()).minStake, newMinStake);

    const status = jsonOf<{ proposals: { proposalId: string; state: string }[] }>(
      await obscuro(["gov", "status", ...net.network, "--json"]),
    );
    assert.deepEqual(
      status.proposals.map((p) => [p.proposalId, p.state]),
      [[id, "Executed"]],
    );
  });

  it("refuses, before any vote, a call the module lacks, an unknown module and a value out of bounds", async () => {
    const propose = (...args: string[]) =>
      obscuro(["gov", "propose", ...args, "--description", "x", "--private-key-file", holder, ...net.network]);
    const [wrongType, unknown, outOfBounds, arity] = await Promise.all([
      propose("--target", "networkManagement", "--call", "setMinStake(uint128)", "--args", "1"),
      propose("--target", "treasury", "--call", "setMinStake(uint256)", "--args", "1"),
      propose("--target", "NetworkManagement", "--call", "setMinStake(uint256)", "--args", "0"),
      propose("--target", "rollup-management", "--call", "setFinalityDelay(uint40)"),
    ]);
    assertFails(wrongType, 2, "CALL", /^✖ NetworkManagement has no function setMinStake\(uint128\)\.$/);
    assertFails(unknown, 2, "TARGET", /^✖ treasury is not a contract of this deployment\.$/);
    assertFails(
      outOfBounds,
      1,
      "PROPOSAL_WOULD_FAIL",
      /^✖ Executed today, the proposal would fail: minStake = 0 is outside the bounds the contract allows\.$/,
    );
    assertFails(arity, 2, "CALL", /setFinalityDelay\(uint40\) takes 1 argument, and 0 were given\./);
    assert.equal((await net.publicClient.getProposals()).length, 1, "no proposal was made");
  });
});
