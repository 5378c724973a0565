import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface ResolveContestsParameters extends TransactionOverrides {
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type ResolveContestsReturnType = Hash;

export type ResolveContestsErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Applies the contest outcomes time has decided: switches the canonical chain to a contender whose
 * opponent died, and closes settled contests. Submissions do it too; anyone may call it.
 * @throws {ContractCallRevertedError} when RollupManagement would refuse (`RollupManagement_Halted`).
 * @example
 * await resolveContests(walletClient, {});
 */
export async function resolveContests(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ResolveContestsParameters = {},
): Promise<ResolveContestsReturnType> {
  const { rollupManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupManagement", rollupManagementAddress),
    functionName: "resolveContests",
    args: [],
  });
}
