import {
  computeProposalId,
  ContractCallRevertedError,
  obscuroGovernorAbi,
  ProposalState,
  simulateProtocolCall,
  type Proposal,
  type VoteSupport,
} from "@obscuro/sdk";
import type { Command } from "commander";
import { formatEther } from "viem";
import { readContract } from "viem/actions";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { formatTime } from "../../util/format.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connect, type L1, type NetworkOptions } from "../../util/network.ts";
import { lowerFirst, revertSentence } from "../../util/reverts.ts";
import { bold, dim } from "../../util/output.ts";
import { encodeCall, resolveTarget } from "./calls.ts";

export type GovOptions = KeyOptions & NetworkOptions;

export interface ProposeOptions extends GovOptions {
  target?: string;
  call?: string;
  args?: string[];
  description?: string;
  value: bigint;
}

async function governed(options: NetworkOptions) {
  const l1 = await connect(options);
  if (!l1.manifest.contracts.ObscuroGovernor) {
    throw new CliError(
      "NO_GOVERNOR",
      `This deployment has no Governor of its own: governance is ${l1.manifest.settings.governance}, which does not take proposals here.`,
    );
  }
  return l1;
}

/** A proposal as `--json` and the text view show it. */
function describe(p: Proposal) {
  return {
    proposalId: p.proposalId,
    state: p.stateName,
    proposer: p.proposer,
    description: p.description,
    actions: p.actions,
    voteStart: p.voteStart,
    voteEnd: p.voteEnd,
    eta: p.eta,
    votes: p.votes,
    quorum: p.quorum,
  };
}

function proposalLines(p: Proposal): string[] {
  const votes = (v: bigint) => `${formatEther(v)}`;
  const when =
    p.state === ProposalState.Pending
      ? `voting opens ${formatTime(p.voteStart)}`
      : p.state === ProposalState.Active
        ? `voting closes ${formatTime(p.voteEnd)}`
        : p.state === ProposalState.Queued
          ? `executable from ${formatTime(p.eta)}`
          : `voting closed ${formatTime(p.voteEnd)}`;
  return [
    `${bold("Proposal")} ${p.proposalId}`,
    `  state        ${p.stateName} (${when})`,
    `  description  ${p.description.split("\n")[0]}`,
    ...p.actions.map(
      (a, i) =>
        `  action ${i + 1}     ${a.target} ${a.data.slice(0, 10)}…${a.value > 0n ? ` (${formatEther(a.value)} ETH)` : ""}`,
    ),
    `  votes        for ${votes(p.votes.for)}, against ${votes(p.votes.against)}, abstain ${votes(p.votes.abstain)} (quorum ${votes(p.quorum)})`,
  ];
}

/** Reads a proposal and refuses, in one sentence, unless it is in `wanted`. */
async function proposalIn(l1: L1, proposalId: bigint, wanted: ProposalState, action: string): Promise<Proposal> {
  const proposal = await l1.publicClient.getProposal({ proposalId });
  if (proposal.state === wanted) return proposal;
  const id = `Proposal ${proposalId}`;
  const sentence =
    proposal.state === ProposalState.Pending
      ? `${id} cannot be ${action} yet: voting opens ${formatTime(proposal.voteStart)}.`
      : proposal.state === ProposalState.Active
        ? `${id} cannot be ${action} while voting is open: voting closes ${formatTime(proposal.voteEnd)}.`
        : proposal.state === ProposalState.Defeated
          ? `${id} was defeated (for ${formatEther(proposal.votes.for)}, against ${formatEther(proposal.votes.against)}, quorum ${formatEther(proposal.quorum)}): it cannot be ${action}.`
          : proposal.state === ProposalState.Queued
            ? `${id} is queued already: it can be executed from ${formatTime(proposal.eta)}.`
            : `${id} is ${proposal.stateName}: it cannot be ${action}.`;
  throw new CliError("PROPOSAL_STATE", sentence);
}

/** `obscuro gov propose`: one call for the Timelock, checked against the target's ABI and simulated first. */
export async function runPropose(options: ProposeOptions, _command: Command): Promise<void> {
  if (!options.target || !options.call) {
    throw usageError("PROPOSAL_CALL", 'Say what the proposal calls: --target MODULE --call "setMinStake(uint256)".');
  }
  if (!options.description?.trim()) {
    throw usageError("PROPOSAL_DESCRIPTION", "Say what the proposal does and why: --description TEXT.");
  }
  const account = await loadAccount(options, "the proposer");
  const l1 = await governed(options);
  const target = resolveTarget(options.target, l1.manifest);
  const { data, fn } = encodeCall(target, options.call, options.args ?? []);
  const actions = [{ target: target.address, value: options.value, data }];
  // What the Timelock will do, done now from the Timelock: an out-of-bounds parameter fails here, not after a vote.
  progress(`simulating ${target.name}.${fn.name} from the Timelock ${l1.manifest.settings.governance}`);
  try {
    await simulateProtocolCall(l1.publicClient, {
      contractName: target.name,
      functionName: fn.name,
      from: l1.manifest.settings.governance,
      to: target.address,
      data,
      value: options.value,
    });
  } catch (error) {
    if (!(error instanceof ContractCallRevertedError)) throw error;
    throw new CliError(
      "PROPOSAL_WOULD_FAIL",
      `Executed today, the proposal would fail: ${lowerFirst(revertSentence(error))}`,
      {
        cause: error,
        details: `${target.name}.${fn.name} from the Timelock reverts with ${error.errorName}`,
      },
    );
  }
  const description = options.description;
  const proposalId = computeProposalId({ actions, description });
  const receipt = await l1.sendAndWait("proposing", () => l1.wallet(account).createProposal({ actions, description }));
  const proposal = await l1.publicClient.getProposal({ proposalId, fromBlock: receipt.blockNumber });
  if (options.json) return printJson({ ...describe(proposal), transaction: receipt.transactionHash });
  print(
    ...proposalLines(proposal),
    dim(`  transaction  ${receipt.transactionHash}`),
    dim(`  Vote with: obscuro gov vote ${proposalId} for`),
  );
}

const SUPPORTS = ["for", "against", "abstain"] as const;

/** `obscuro gov vote ID for|against|abstain`. */
export async function runVote(
  id: bigint,
  support: string,
  options: GovOptions & { reason?: string },
  _command: Command,
): Promise<void> {
  if (!(SUPPORTS as readonly string[]).includes(support)) {
    throw usageError("VOTE", `Vote for, against or abstain, not ${support}.`);
  }
  const account = await loadAccount(options, "the voter");
  const l1 = await governed(options);
  const proposal = await proposalIn(l1, id, ProposalState.Active, "voted on");
  const governor = { address: l1.manifest.contracts.ObscuroGovernor!, abi: obscuroGovernorAbi } as const;
  const [weight, voted] = await Promise.all([
    readContract(l1.publicClient, {
      ...governor,
      functionName: "getVotes",
      args: [account.address, proposal.voteStart],
    }),
    readContract(l1.publicClient, { ...governor, functionName: "hasVoted", args: [id, account.address] }),
  ]);
  if (voted) throw new CliError("ALREADY_VOTED", `${account.address} has voted on proposal ${id} already.`);
  if (weight === 0n) {
    throw new CliError(
      "NO_VOTES",
      `${account.address} had no votes at the proposal's snapshot (${formatTime(proposal.voteStart)}): tokens count once delegated, before a proposal is made.`,
    );
  }
  const receipt = await l1.sendAndWait(`voting ${support}`, () =>
    l1.wallet(account).castVote({ proposalId: id, support: support as VoteSupport, reason: options.reason }),
  );
  const after = await l1.publicClient.getProposal({ proposalId: id, fromBlock: proposal.blockNumber });
  if (options.json) {
    return printJson({ ...describe(after), voter: account.address, weight, transaction: receipt.transactionHash });
  }
  print(
    `${bold(`Voted ${support}`)} with ${formatEther(weight)} votes`,
    ...proposalLines(after),
    dim(`  transaction  ${receipt.transactionHash}`),
  );
}

/** `obscuro gov queue ID`: a succeeded proposal into the Timelock. */
export async function runQueue(id: bigint, options: GovOptions, _command: Command): Promise<void> {
  const account = await loadAccount(options, "the sender");
  const l1 = await governed(options);
  const proposal = await proposalIn(l1, id, ProposalState.Succeeded, "queued");
  const receipt = await l1.sendAndWait("queueing", () =>
    l1.wallet(account).queueProposal({ proposalId: id, fromBlock: proposal.blockNumber }),
  );
  const after = await l1.publicClient.getProposal({ proposalId: id, fromBlock: proposal.blockNumber });
  if (options.json) return printJson({ ...describe(after), transaction: receipt.transactionHash });
  print(
    `${bold("Queued")} in the Timelock: executable from ${formatTime(after.eta)}`,
    ...proposalLines(after),
    dim(`  transaction  ${receipt.transactionHash}`),
  );
}

/** `obscuro gov execute ID`: a queued proposal, once the Timelock's delay has passed. */
export async function runExecute(id: bigint, options: GovOptions, _command: Command): Promise<void> {
  const account = await loadAccount(options, "the sender");
  const l1 = await governed(options);
  const proposal = await proposalIn(l1, id, ProposalState.Queued, "executed");
  let receipt;
  try {
    receipt = await l1.sendAndWait("executing", () =>
      l1.wallet(account).executeProposal({ proposalId: id, fromBlock: proposal.blockNumber }),
    );
  } catch (error) {
    if (error instanceof ContractCallRevertedError && error.errorName === "TimelockUnexpectedOperationState") {
      throw new CliError(
        "TIMELOCK_NOT_READY",
        `Proposal ${id} can be executed from ${formatTime(proposal.eta)}, once the Timelock's delay has passed.`,
        { cause: error },
      );
    }
    throw error;
  }
  const after = await l1.publicClient.getProposal({ proposalId: id, fromBlock: proposal.blockNumber });
  if (options.json) return printJson({ ...describe(after), transaction: receipt.transactionHash });
  print(
    `${bold("Executed")}: the Timelock made the proposal's calls`,
    ...proposalLines(after),
    dim(`  transaction  ${receipt.transactionHash}`),
  );
}

/** `obscuro gov status [ID]`: one proposal, or every proposal. */
export async function runGovStatus(id: bigint | undefined, options: NetworkOptions, _command: Command): Promise<void> {
  const l1 = await governed(options);
  if (id !== undefined) {
    const proposal = await l1.publicClient.getProposal({ proposalId: id });
    if (options.json) return printJson(describe(proposal));
    return print(...proposalLines(proposal));
  }
  const proposals = await l1.publicClient.getProposals();
  if (options.json) return printJson({ proposals: proposals.map(describe) });
  if (proposals.length === 0) return print(dim("No proposal yet."));
  for (const proposal of proposals) print(...proposalLines(proposal), "");
}
