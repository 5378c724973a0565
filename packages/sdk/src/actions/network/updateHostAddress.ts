import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { InvalidHostAddressError } from "../../errors/network.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { assertHostAddress } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface UpdateHostAddressParameters extends TransactionOverrides {
  /** A libp2p multiaddr or URL, 1 to 256 bytes. */
  hostAddress: string;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type UpdateHostAddressReturnType = Hash;

export type UpdateHostAddressErrorType =
  InvalidHostAddressError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Replaces the operator's published host address.
 * @throws {InvalidHostAddressError} when the host address is empty or over 256 bytes (nothing is sent).
 * @throws {ContractCallRevertedError} (`NetworkManagement_NotAggregator`).
 * @example
 * await updateHostAddress(operatorClient, { hostAddress: "/dns4/node.example/tcp/30303" });
 */
export async function updateHostAddress(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: UpdateHostAddressParameters,
): Promise<UpdateHostAddressReturnType> {
  const { hostAddress, networkManagementAddress, ...overrides } = parameters;
  assertHostAddress(hostAddress);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "updateHostAddress",
    args: [hostAddress],
  });
}
