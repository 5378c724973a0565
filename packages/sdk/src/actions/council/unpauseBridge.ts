import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";

export interface UnpauseBridgeParameters extends CouncilOverrides {
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type UnpauseBridgeReturnType = Hash;

export type UnpauseBridgeErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council (or governance) ends a pause early.
 * @throws {ContractCallRevertedError} (`BridgeManagement_NotPaused`, `BridgeManagement_NotCouncilOrGovernance`).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await unpauseBridge(walletClient, { signers: [ownerA, ownerB] });
 */
export async function unpauseBridge(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: UnpauseBridgeParameters = {},
): Promise<UnpauseBridgeReturnType> {
  const { bridgeManagementAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "unpause",
    args: [],
  });
}
