import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { InvalidDepositError } from "../../errors/bridge.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { assertDeposit } from "../../utils/assertions.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface DepositErc721Parameters extends TransactionOverrides {
  /** The ERC721 contract; the bridge must be approved for the token. */
  token: Address;
  tokenId: bigint;
  /** The L2 recipient. */
  to: Address;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type DepositErc721ReturnType = Hash;

export type DepositErc721ErrorType =
  InvalidDepositError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Deposits an ERC721 token (approved beforehand) to `to` on L2.
 * @throws {InvalidDepositError} for a zero token or recipient (nothing is sent).
 * @throws {ContractCallRevertedError} when the bridge or the token would refuse.
 * @example
 * await depositErc721(walletClient, { token: nft, tokenId: 7n, to: account.address });
 */
export async function depositErc721(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DepositErc721Parameters,
): Promise<DepositErc721ReturnType> {
  const { token, tokenId, to, bridgeManagementAddress, ...overrides } = parameters;
  assertDeposit(to, 1n, token);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "depositERC721",
    args: [token, tokenId, to],
  });
}
