import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { InvalidProposalError } from "../../errors/governance.ts";
import type { ProposalAction } from "../../types/governance.ts";
import { proposalCall } from "../../utils/governance.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface CreateProposalParameters extends TransactionOverrides {
  /** The calls the Timelock makes when the proposal is executed (a module setter, an upgrade, …). */
  actions: readonly ProposalAction[];
  /** What the proposal does and why; with the actions, it fixes the proposal's id. */
  description: string;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type CreateProposalReturnType = Hash;

export type CreateProposalErrorType =
  InvalidProposalError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Proposes calls for the Timelock to make, from a token holder with at least the Governor's
 * proposal threshold of votes. Voting opens `votingDelay` seconds later; the id is
 * `computeProposalId({ actions, description })`.
 * @throws {InvalidProposalError} for no action (nothing is sent).
 * @throws {ContractCallRevertedError} (`GovernorInsufficientProposerVotes`, `GovernorUnexpectedProposalState`
 *   for a proposal that already exists, …).
 * @example
 * const data = encodeFunctionData({ abi: networkManagementAbi, functionName: "setMinStake", args: [parseEther("20000")] });
 * await createProposal(walletClient, { actions: [{ target: networkManagement, value: 0n, data }], description: "Raise the minimum stake" });
 */
export async function createProposal(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CreateProposalParameters,
): Promise<CreateProposalReturnType> {
  const { actions, description, governorAddress, ...overrides } = parameters;
  const { targets, values, calldatas } = proposalCall(actions, description);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "governor", governorAddress),
    functionName: "propose",
    args: [targets, values, calldatas, description],
  });
}
