import {
  encodeAbiParameters,
  getAddress,
  hexToBigInt,
  keccak256,
  toHex,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type Transport,
} from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { InvalidProposalError, ProposalNotFoundError } from "../errors/governance.ts";
import { ProposalState, type Proposal, type ProposalAction } from "../types/governance.ts";
import { getProtocolDeployBlock } from "./getProtocolAddress.ts";
import { protocolContract } from "./protocolContract.ts";

/** What identifies a proposal to the Governor: its actions and the hash of its description. */
export interface ProposalCall {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  descriptionHash: Hex;
}

/**
 * The arguments `propose`, `queue` and `execute` take, from a proposal's actions and description.
 * @throws {InvalidProposalError} for no action.
 */
export function proposalCall(actions: readonly ProposalAction[], description: string): ProposalCall {
  if (actions.length === 0) {
    throw new InvalidProposalError("A proposal needs at least one action.", {
      details: "give each action's target and calldata",
    });
  }
  return {
    targets: actions.map((a) => getAddress(a.target)),
    values: actions.map((a) => a.value),
    calldatas: actions.map((a) => a.data),
    descriptionHash: keccak256(toHex(description)),
  };
}

/**
 * A proposal's id, as `Governor.hashProposal` computes it:
 * `uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(description))))`.
 * @throws {InvalidProposalError} for no action.
 */
export function computeProposalId(parameters: { actions: readonly ProposalAction[]; description: string }): bigint {
  const { targets, values, calldatas, descriptionHash } = proposalCall(parameters.actions, parameters.description);
  return hexToBigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
        [targets, values, calldatas, descriptionHash],
      ),
    ),
  );
}

const stateNames = Object.fromEntries(Object.entries(ProposalState).map(([name, value]) => [value, name])) as Record<
  ProposalState,
  keyof typeof ProposalState
>;

/** The name of a proposal state (`Active`, `Queued`, …). */
export function proposalStateName(state: ProposalState): keyof typeof ProposalState {
  return stateNames[state];
}

/**
 * Reads the Governor's proposals: each `ProposalCreated` event since `fromBlock` (default: the
 * protocol's deployment), with its state, votes, quorum and Timelock eta now; only `proposalId`'s
 * when given. Shared by the governance actions.
 * @throws {ProposalNotFoundError} when `proposalId` is given and no such proposal was created.
 */
export async function readProposals(
  client: Client<Transport, Chain | undefined>,
  parameters: {
    proposalId?: bigint | undefined;
    fromBlock?: bigint | undefined;
    governorAddress?: Address | undefined;
  },
): Promise<Proposal[]> {
  const governor = protocolContract(client, "governor", parameters.governorAddress);
  const logs = await getContractEvents(client, {
    ...governor,
    eventName: "ProposalCreated",
    fromBlock: getProtocolDeployBlock(client, parameters.fromBlock),
    toBlock: "latest",
    strict: true,
  });
  const wanted = logs.filter(
    (log) => parameters.proposalId === undefined || log.args.proposalId === parameters.proposalId,
  );
  if (parameters.proposalId !== undefined && wanted.length === 0) {
    throw new ProposalNotFoundError(`The Governor has no proposal ${parameters.proposalId}.`, {
      details: `governor ${governor.address}; proposals are numbered by hashProposal, not 1, 2, 3`,
    });
  }
  const clock = await readContract(client, { ...governor, functionName: "clock" });
  return Promise.all(
    wanted.map(async ({ args, blockNumber, transactionHash }) => {
      const id = args.proposalId;
      const [state, [against, inFavour, abstain], eta] = await Promise.all([
        readContract(client, { ...governor, functionName: "state", args: [id] }),
        readContract(client, { ...governor, functionName: "proposalVotes", args: [id] }),
        readContract(client, { ...governor, functionName: "proposalEta", args: [id] }),
      ]);
      // The quorum is fixed at the snapshot; before it, the latest past total supply is the estimate.
      const timepoint = args.voteStart < BigInt(clock) ? args.voteStart : BigInt(clock) - 1n;
      const quorum = await readContract(client, { ...governor, functionName: "quorum", args: [timepoint] });
      const actions = args.targets.map((target, i) => ({
        target: getAddress(target),
        value: args.values[i] ?? 0n,
        data: args.calldatas[i] ?? "0x",
      }));
      return {
        proposalId: id,
        proposer: getAddress(args.proposer),
        actions,
        description: args.description,
        descriptionHash: keccak256(toHex(args.description)),
        state: state as ProposalState,
        stateName: proposalStateName(state as ProposalState),
        voteStart: args.voteStart,
        voteEnd: args.voteEnd,
        eta,
        votes: { for: inFavour, against, abstain },
        quorum,
        blockNumber,
        transactionHash,
      } satisfies Proposal;
    }),
  );
}
