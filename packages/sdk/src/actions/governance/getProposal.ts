import type { Address, Chain, Client, GetContractEventsErrorType, ReadContractErrorType, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { ProposalNotFoundError } from "../../errors/governance.ts";
import type { Proposal } from "../../types/governance.ts";
import { readProposals } from "../../utils/governance.ts";

export interface GetProposalParameters {
  /** The proposal's id (`computeProposalId`, or the `ProposalCreated` event's). */
  proposalId: bigint;
  /** Where to look for its `ProposalCreated` event. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type GetProposalReturnType = Proposal;

export type GetProposalErrorType =
  ProposalNotFoundError | ProtocolContractNotFoundError | GetContractEventsErrorType | ReadContractErrorType;

/**
 * A Governor proposal: its actions and description (from its `ProposalCreated` event), its state,
 * votes, quorum and Timelock eta now.
 * @throws {ProposalNotFoundError} when the Governor never created it.
 * @throws {ProtocolContractNotFoundError} when the deployment has no Governor of its own.
 * @example
 * const { stateName, votes, voteEnd } = await getProposal(publicClient, { proposalId });
 */
export async function getProposal(
  client: Client<Transport, Chain | undefined>,
  parameters: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const [proposal] = await readProposals(client, parameters);
  return proposal!;
}
