import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";

export interface DeclareBreachParameters extends CouncilOverrides {
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type DeclareBreachReturnType = Hash;

export type DeclareBreachErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council declares a massive security breach (for ever): every epoch key may be disclosed at
 * once, and enclaves must disclose them (`discloseKey`).
 * @throws {ContractCallRevertedError} (`RollupManagement_BreachAlreadyDeclared`, `GovernedModule_NotCouncil`).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await declareBreach(walletClient, { signers: [ownerA, ownerB] });
 */
export async function declareBreach(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeclareBreachParameters = {},
): Promise<DeclareBreachReturnType> {
  const { rollupManagementAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupManagement", rollupManagementAddress),
    functionName: "declareBreach",
    args: [],
  });
}
