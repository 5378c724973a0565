import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";

export interface OrderKeyDisclosureParameters extends CouncilOverrides {
  /** The epoch whose key may then be disclosed at once. */
  keyEpoch: number;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type OrderKeyDisclosureReturnType = Hash;

export type OrderKeyDisclosureErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council orders the disclosure of an epoch key: it may be disclosed at once (`discloseKey`).
 * @throws {ContractCallRevertedError} (`RollupManagement_UnknownKeyEpoch`, `GovernedModule_NotCouncil`).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await orderKeyDisclosure(walletClient, { keyEpoch: 3, signers: [ownerA, ownerB] });
 */
export async function orderKeyDisclosure(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: OrderKeyDisclosureParameters,
): Promise<OrderKeyDisclosureReturnType> {
  const { keyEpoch, rollupManagementAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupManagement", rollupManagementAddress),
    functionName: "orderKeyDisclosure",
    args: [keyEpoch],
  });
}
