import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";
import type { RollupHeader } from "../../types/rollup.ts";

export interface FreezeBridgeParameters extends CouncilOverrides {
  /** The canonical rollup to freeze the ledger on: at least as new as every rollup a withdrawal was paid from. */
  header: RollupHeader;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type FreezeBridgeReturnType = Hash;

export type FreezeBridgeErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council enters exit mode on a canonical rollup: deposits and rollups stop for good; accounts
 * exit with balance proofs against its `stateRoot` (`exitWithBalanceProof`), deposits it did not
 * consume are refunded (`refundDeposit`), withdrawals from rollups up to it stay claimable.
 * @throws {ContractCallRevertedError} (`BridgeManagement_AlreadyFrozen`, `BridgeManagement_FreezeBeforeWithdrawals`,
 *   `RollupManagement_NotCanonical`, `GovernedModule_NotCouncil`, …).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await freezeBridge(walletClient, { header, signers: [ownerA, ownerB] });
 */
export async function freezeBridge(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: FreezeBridgeParameters,
): Promise<FreezeBridgeReturnType> {
  const { header, bridgeManagementAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "freeze",
    args: [header],
  });
}
