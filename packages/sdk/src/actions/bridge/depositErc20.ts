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

export interface DepositErc20Parameters extends TransactionOverrides {
  /** The ERC20 token; the bridge must be approved for `amount`. */
  token: Address;
  /** The L2 recipient. */
  to: Address;
  /** Token amount. Fee-on-transfer tokens credit what arrives. */
  amount: bigint;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type DepositErc20ReturnType = Hash;

export type DepositErc20ErrorType =
  InvalidDepositError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Deposits an ERC20 amount (approved beforehand) to `to` on L2.
 * @throws {InvalidDepositError} for a zero amount, token or recipient (nothing is sent).
 * @throws {ContractCallRevertedError} when the bridge or the token would refuse
 *   (`BridgeManagement_DepositsClosed`, `ERC20InsufficientAllowance`, …).
 * @example
 * await depositErc20(walletClient, { token, to: account.address, amount: parseEther("10") });
 */
export async function depositErc20(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DepositErc20Parameters,
): Promise<DepositErc20ReturnType> {
  const { token, to, amount, bridgeManagementAddress, ...overrides } = parameters;
  assertDeposit(to, amount, token);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "depositERC20",
    args: [token, amount, to],
  });
}
