import type {
  Account,
  Address,
  Chain,
  Client,
  GetContractEventsErrorType,
  Hash,
  ReadContractErrorType,
  Transport,
} from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { ProposalNotFoundError } from "../../errors/governance.ts";
import { proposalCall, readProposals } from "../../utils/governance.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface ExecuteProposalParameters extends TransactionOverrides {
  proposalId: bigint;
  /** Where to look for its `ProposalCreated` event. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type ExecuteProposalReturnType = Hash;

export type ExecuteProposalErrorType =
  | ProposalNotFoundError
  | ProtocolContractNotFoundError
  | GetContractEventsErrorType
  | ReadContractErrorType
  | SendProtocolTransactionErrorType;

/**
 * Executes a queued proposal once the Timelock's delay has passed (from any account): the
 * Timelock makes its calls. The proposal's actions and description are read from its
 * `ProposalCreated` event; the ETH its actions send must already be in the Timelock.
 * @throws {ProposalNotFoundError} when the Governor never created it.
 * @throws {ContractCallRevertedError} (`GovernorUnexpectedProposalState` unless queued,
 *   `TimelockUnexpectedOperationState` before the delay, or the error of a call it makes).
 * @example
 * await executeProposal(walletClient, { proposalId });
 */
export async function executeProposal(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  const { proposalId, fromBlock, governorAddress, ...overrides } = parameters;
  const [proposal] = await readProposals(client, { proposalId, fromBlock, governorAddress });
  const { targets, values, calldatas, descriptionHash } = proposalCall(proposal!.actions, proposal!.description);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "governor", governorAddress),
    functionName: "execute",
    args: [targets, values, calldatas, descriptionHash],
  });
}
