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

export interface QueueProposalParameters extends TransactionOverrides {
  proposalId: bigint;
  /** Where to look for its `ProposalCreated` event. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `governor`. */
  governorAddress?: Address | undefined;
}

export type QueueProposalReturnType = Hash;

export type QueueProposalErrorType =
  | ProposalNotFoundError
  | ProtocolContractNotFoundError
  | GetContractEventsErrorType
  | ReadContractErrorType
  | SendProtocolTransactionErrorType;

/**
 * Queues a succeeded proposal in the Timelock (from any account): it becomes executable after the
 * Timelock's delay. The proposal's actions and description are read from its `ProposalCreated` event.
 * @throws {ProposalNotFoundError} when the Governor never created it.
 * @throws {ContractCallRevertedError} (`GovernorUnexpectedProposalState` unless it succeeded).
 * @example
 * await queueProposal(walletClient, { proposalId });
 */
export async function queueProposal(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: QueueProposalParameters,
): Promise<QueueProposalReturnType> {
  const { proposalId, fromBlock, governorAddress, ...overrides } = parameters;
  const [proposal] = await readProposals(client, { proposalId, fromBlock, governorAddress });
  const { targets, values, calldatas, descriptionHash } = proposalCall(proposal!.actions, proposal!.description);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "governor", governorAddress),
    functionName: "queue",
    args: [targets, values, calldatas, descriptionHash],
  });
}
