import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { VoteSupport } from "../../types/governance.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface CastVoteParameters extends TransactionOverrides {
  proposalId: bigint;
  /** `for`, `against` or `abstain` (counts towards quorum only). */
  support: VoteSupport;
  /** A reason, recorded in the `VoteCast` event. */
  reason?: string | undefined;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type CastVoteReturnType = Hash;

export type CastVoteErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/** The Governor's `GovernorCountingSimple` vote types. */
const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;

/**
 * Votes on an active proposal with the sender's delegated votes at the proposal's snapshot.
 * @throws {ContractCallRevertedError} (`GovernorUnexpectedProposalState` outside voting,
 *   `GovernorAlreadyCastVote`, `GovernorNonexistentProposal`).
 * @example
 * await castVote(walletClient, { proposalId, support: "for" });
 */
export async function castVote(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CastVoteParameters,
): Promise<CastVoteReturnType> {
  const { proposalId, support, reason, governorAddress, ...overrides } = parameters;
  const call = protocolCall(client, "governor", governorAddress);
  return reason === undefined
    ? sendProtocolTransaction(client, {
        ...overrides,
        ...call,
        functionName: "castVote",
        args: [proposalId, SUPPORT[support]],
      })
    : sendProtocolTransaction(client, {
        ...overrides,
        ...call,
        functionName: "castVoteWithReason",
        args: [proposalId, SUPPORT[support], reason],
      });
}
