import { erc20Abi, InsufficientFundsError, type Address, type Hash, type TransactionReceipt } from "viem";
import { BaseError as ViemBaseError } from "viem";
import type { Progress } from "../util/progress.ts";
import { UserError } from "./errors.ts";
import type { L1 } from "./context.ts";

/** Waits for an L1 transaction with a progress line; a revert is an error. */
export async function confirmOnL1(
  l1: L1,
  hash: Hash,
  progress: Progress,
  timeoutMs: number,
): Promise<TransactionReceipt> {
  progress.update(`Waiting for L1 confirmation of ${hash}`);
  const receipt = await l1.publicClient.waitForTransactionReceipt({ hash, timeout: timeoutMs });
  if (receipt.status !== "success") throw new UserError(`The L1 transaction ${hash} reverted.`, "L1_REVERTED");
  return receipt;
}

/** Whether a viem error is the node's "insufficient funds". */
export function insufficientFunds(error: unknown): boolean {
  return error instanceof ViemBaseError && error.walk((e) => e instanceof InsufficientFundsError) !== null;
}

/** An ERC20's decimals and symbol (18 and "tokens" when it does not say). */
export async function tokenInfo(
  l1: Pick<L1, "publicClient">,
  token: Address,
): Promise<{ decimals: number; symbol: string }> {
  const code = await l1.publicClient.getCode({ address: token });
  if (!code || code === "0x") throw new UserError(`The token ${token} is not a contract on L1.`, "INVALID_TOKEN");
  const [decimals, symbol] = await Promise.all([
    l1.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }).catch(() => 18),
    l1.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }).catch(() => "tokens"),
  ]);
  return { decimals, symbol };
}
