import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { DepositRangeProof } from "../../types/bridge.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface RefundDepositParameters extends TransactionOverrides {
  /** The deposit to refund. */
  index: bigint;
  /** From `getDepositRangeProof`, or `buildDepositRangeProof` over a `readDepositQueue` snapshot. */
  proof: DepositRangeProof;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type RefundDepositReturnType = Hash;

export type RefundDepositErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * In exit mode, returns a deposit the frozen ledger did not consume to its depositor. Any account
 * may send it.
 * @throws {ContractCallRevertedError} when the bridge would refuse (`BridgeManagement_DepositInLedger`,
 *   `BridgeManagement_AlreadyRefunded`, `BridgeManagement_InvalidDepositRange`, …).
 * @example
 * const proof = await getDepositRangeProof(publicClient, { index: 42n });
 * await refundDeposit(walletClient, { index: 42n, proof });
 */
export async function refundDeposit(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RefundDepositParameters,
): Promise<RefundDepositReturnType> {
  const { index, proof, bridgeManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "refundDeposit",
    args: [index, proof],
  });
}
