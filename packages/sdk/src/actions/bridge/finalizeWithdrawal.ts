import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { Withdrawal } from "../../types/bridge.ts";
import type { RollupHeader } from "../../types/rollup.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface FinalizeWithdrawalParameters extends TransactionOverrides {
  /** The header of the final rollup whose `withdrawalRoot` commits to the withdrawal. */
  header: RollupHeader;
  withdrawal: Withdrawal;
  /** The withdrawal's proof in that tree (`buildWithdrawalTree(...).proof(withdrawal)`). */
  proof: readonly Hex[];
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type FinalizeWithdrawalReturnType = Hash;

export type FinalizeWithdrawalErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Pays an L2 withdrawal from the bridge once its rollup is final. Any account may send it: the
 * asset goes to the recipient the withdrawal names.
 * @throws {ContractCallRevertedError} when the bridge would refuse (`RollupManagement_NotFinal`,
 *   `BridgeManagement_InvalidProof`, `BridgeManagement_WithdrawalAlreadyFinalized`, …).
 * @example
 * await finalizeWithdrawal(walletClient, { header, withdrawal, proof: tree.proof(withdrawal) });
 */
export async function finalizeWithdrawal(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: FinalizeWithdrawalParameters,
): Promise<FinalizeWithdrawalReturnType> {
  const { header, withdrawal, proof, bridgeManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "finalizeWithdrawal",
    args: [header, withdrawal, proof],
  });
}
