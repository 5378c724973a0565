import type { Address, Chain, Client, GetContractEventsErrorType, ReadContractErrorType, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { Proposal } from "../../types/governance.ts";
import { readProposals } from "../../utils/governance.ts";

export interface GetProposalsParameters {
  /** The first block to scan for `ProposalCreated`. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type GetProposalsReturnType = Proposal[];

export type GetProposalsErrorType = ProtocolContractNotFoundError | GetContractEventsErrorType | ReadContractErrorType;

/**
 * Every Governor proposal since `fromBlock`, oldest first, each with its state, votes and eta now.
 * @throws {ProtocolContractNotFoundError} when the deployment has no Governor of its own.
 * @example
 * const open = (await getProposals(publicClient, {})).filter((p) => p.stateName === "Active");
 */
export async function getProposals(
  client: Client<Transport, Chain | undefined>,
  parameters: GetProposalsParameters = {},
): Promise<GetProposalsReturnType> {
  return readProposals(client, { fromBlock: parameters.fromBlock, governorAddress: parameters.governorAddress });
}
