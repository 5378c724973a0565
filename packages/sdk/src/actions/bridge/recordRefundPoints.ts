import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { RefundPointsChunk } from "../../types/bridge.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface RecordRefundPointsParameters extends TransactionOverrides {
  /** One chunk from `planRefundPoints`; send them in the planned order. */
  chunk: RefundPointsChunk;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type RecordRefundPointsReturnType = Hash;

export type RecordRefundPointsErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * In exit mode, proves the deposit queue's accumulator at a chunk's start and at every multiple of
 * `REFUND_POINT_INTERVAL` inside it, so that refunds of those deposits carry at most one interval.
 * Any account may send it: recording points moves no value.
 * @throws {ContractCallRevertedError} when the bridge would refuse (`BridgeManagement_NotFrozen`,
 *   `BridgeManagement_InvalidRefundRange`, `BridgeManagement_InvalidDepositRange`, …).
 * @example
 * for (const chunk of planRefundPoints(await readDepositQueue(publicClient, {})))
 *   await publicClient.waitForTransactionReceipt({ hash: await recordRefundPoints(walletClient, { chunk }) });
 */
export async function recordRefundPoints(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RecordRefundPointsParameters,
): Promise<RecordRefundPointsReturnType> {
  const { chunk, bridgeManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "recordRefundPoints",
    args: [chunk.startCount, chunk.startAcc, chunk.deposits, chunk.end],
  });
}
