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

export interface DepositEthParameters extends TransactionOverrides {
  /** The L2 recipient. */
  to: Address;
  /** Wei to deposit. */
  amount: bigint;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

/** The deposit transaction's hash. */
export type DepositEthReturnType = Hash;

export type DepositEthErrorType =
  InvalidDepositError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Deposits ETH to `to` on L2. The deposit is in the queue once the transaction is mined, and
 * credited on L2, with no further step, by the first L2 block built on a later L1 block.
 * @throws {InvalidDepositError} for a zero amount or recipient (nothing is sent).
 * @throws {ContractCallRevertedError} when the bridge would refuse (`BridgeManagement_DepositsClosed`, …).
 * @example
 * const hash = await depositEth(walletClient, { to: "0x…", amount: parseEther("1") });
 */
export async function depositEth(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DepositEthParameters,
): Promise<DepositEthReturnType> {
  const { to, amount, bridgeManagementAddress, ...overrides } = parameters;
  assertDeposit(to, amount);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "depositETH",
    args: [to],
    value: amount,
  });
}
