import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface DeregisterNodeParameters extends TransactionOverrides {
  /** The Active node to retire. */
  enclaveId: Address;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type DeregisterNodeReturnType = Hash;

export type DeregisterNodeErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Retires an Active node for ever, from its operator (its key can never be used or registered again).
 * @throws {ContractCallRevertedError} (`NetworkManagement_NodeNotActive`, `NetworkManagement_NotOperator`).
 * @example
 * await deregisterNode(operatorClient, { enclaveId });
 */
export async function deregisterNode(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeregisterNodeParameters,
): Promise<DeregisterNodeReturnType> {
  const { enclaveId, networkManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "deregisterNode",
    args: [enclaveId],
  });
}
