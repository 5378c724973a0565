import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { BalanceLeaf } from "../../types/bridge.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface ExitWithBalanceProofParameters extends TransactionOverrides {
  /** The account's entry in the frozen rollup's ledger; the asset goes to `leaf.account`. */
  leaf: BalanceLeaf;
  /** Its proof in the frozen ledger tree (`buildLedgerTree(...).proof(leaf)`). */
  proof: readonly Hex[];
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type ExitWithBalanceProofReturnType = Hash;

export type ExitWithBalanceProofErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * In exit mode, pays an account its balance (or ERC721) in the frozen ledger. Any account may
 * send it for the account; each (account, asset) exits once.
 * @throws {ContractCallRevertedError} when the bridge would refuse (`BridgeManagement_NotFrozen`,
 *   `BridgeManagement_InvalidProof`, `BridgeManagement_AlreadyExited`, …).
 * @example
 * await exitWithBalanceProof(walletClient, { leaf, proof: ledgerTree.proof(leaf) });
 */
export async function exitWithBalanceProof(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ExitWithBalanceProofParameters,
): Promise<ExitWithBalanceProofReturnType> {
  const { leaf, proof, bridgeManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "exitWithBalanceProof",
    args: [leaf, proof],
  });
}
