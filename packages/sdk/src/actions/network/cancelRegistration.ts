import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface CancelRegistrationParameters extends TransactionOverrides {
  /** The node that registered and was never answered. */
  enclaveId: Address;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type CancelRegistrationReturnType = Hash;

export type CancelRegistrationErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Cancels a registration nobody answered within `responseTimeout`, from the node's operator: the
 * fee comes back and the enclave key may register again.
 * @throws {ContractCallRevertedError} (`NetworkManagement_ResponseTimeoutNotReached`,
 *   `NetworkManagement_NotAwaitingSecret`, `NetworkManagement_NotOperator`).
 * @example
 * await cancelRegistration(operatorClient, { enclaveId });
 */
export async function cancelRegistration(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CancelRegistrationParameters,
): Promise<CancelRegistrationReturnType> {
  const { enclaveId, networkManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "cancelRegistration",
    args: [enclaveId],
  });
}
