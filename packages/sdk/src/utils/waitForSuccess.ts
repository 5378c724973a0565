import type { Client, Hash, TransactionReceipt, WaitForTransactionReceiptErrorType } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import { TransactionRevertedError } from "../errors/BaseError.ts";

export type WaitForSuccessErrorType = TransactionRevertedError | WaitForTransactionReceiptErrorType;

/**
 * Waits for a transaction the SDK sent and returns its receipt.
 * @throws {TransactionRevertedError} when it was mined but reverted (the chain changed between the
 *   simulation and the inclusion).
 */
export async function waitForSuccess(client: Client, hash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== "success") {
    throw new TransactionRevertedError(`${what} reverted.`, { details: `transaction ${hash}` });
  }
  return receipt;
}
