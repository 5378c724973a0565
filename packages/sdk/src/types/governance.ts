import type { Address, Hex } from "viem";

/** OpenZeppelin `IGovernor.ProposalState`: where a proposal stands. */
export const ProposalState = {
  /** Proposed; voting has not opened yet (`votingDelay`). */
  Pending: 0,
  /** Voting is open. */
  Active: 1,
  Canceled: 2,
  /** Voting ended without a majority for, or without quorum. */
  Defeated: 3,
  /** Voting ended with quorum and a majority for: it can be queued in the Timelock. */
  Succeeded: 4,
  /** In the Timelock; executable once its `eta` has passed. */
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;
export type ProposalState = (typeof ProposalState)[keyof typeof ProposalState];

/** One call a proposal makes, from the Timelock, when executed. */
export interface ProposalAction {
  target: Address;
  /** ETH wei sent with the call. */
  value: bigint;
  /** The calldata. */
  data: Hex;
}

/** The vote of an account: `for`, `against`, or `abstain` (counted for quorum only). */
export type VoteSupport = "for" | "against" | "abstain";

/** A proposal as the Governor knows it now: what it does, where it stands, and its votes. */
export interface Proposal {
  proposalId: bigint;
  proposer: Address;
  actions: ProposalAction[];
  description: string;
  /** keccak256 of the description: with the actions, what `queue` and `execute` take. */
  descriptionHash: Hex;
  state: ProposalState;
  /** The state's name: `Pending`, `Active`, … */
  stateName: keyof typeof ProposalState;
  /** Unix seconds (the Governor's clock): votes count as they stood then; voting opens after it. */
  voteStart: bigint;
  /** Unix seconds when voting closes. */
  voteEnd: bigint;
  /** Unix seconds from which a queued proposal can be executed (0 until queued). */
  eta: bigint;
  votes: { for: bigint; against: bigint; abstain: bigint };
  /** Votes (for + abstain) needed, at the snapshot. */
  quorum: bigint;
  /** The L1 block of the `ProposalCreated` event. */
  blockNumber: bigint;
  transactionHash: Hex;
}
