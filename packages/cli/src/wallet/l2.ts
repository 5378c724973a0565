import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  erc20Abi,
  InsufficientFundsError,
  TransactionReceiptNotFoundError,
  type Address,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { AssetKind, computeWrappedTokenAddress } from "@obscuro/sdk";
import type { Progress } from "../util/progress.ts";
import type { L2 } from "./context.ts";
import { UserError } from "./errors.ts";
import { waitUntil } from "./wait.ts";

/** A request the gateway answers for the token's accounts; 4100 is "gateway not authorised". */
export async function l2Request<T>(l2: L2, method: string, params: unknown[] = []): Promise<T> {
  try {
    return (await l2.publicClient.request({ method: method as never, params: params as never })) as T;
  } catch (error) {
    throw mapL2Error(error);
  }
}

/** The user errors among L2 failures: not authorised (4100), not enough balance; others unchanged. */
export function mapL2Error(error: unknown): unknown {
  if (error instanceof ViemBaseError) {
    const code = (error.walk((e) => typeof (e as { code?: unknown }).code === "number") as { code?: number } | null)
      ?.code;
    if (code === 4100)
      return new UserError(
        `Gateway not authorised: ${error.shortMessage.replace(/^.*unauthorized: /i, "")}`,
        "GATEWAY_NOT_AUTHORISED",
      );
    if (error.walk((e) => e instanceof InsufficientFundsError))
      return new UserError("Not enough balance on L2 for this transaction and its gas.", "INSUFFICIENT_BALANCE");
    const revert = error.walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError | null;
    if (revert?.data?.errorName)
      return new UserError(`The L2 refused the transaction: ${revert.data.errorName}.`, "L2_REVERTED");
  }
  return error;
}

/** Waits for an L2 transaction's receipt (the next batch), with a progress line. */
export async function confirmOnL2(
  l2: L2,
  hash: Hash,
  progress: Progress,
  timeoutMs: number,
): Promise<TransactionReceipt> {
  progress.update(`Waiting for the L2 batch of ${hash}`);
  const receipt = await waitUntil({
    what: `the L2 receipt of ${hash}`,
    timeoutMs,
    wake: l2.onBlock,
    check: async () => {
      try {
        return await l2.publicClient.getTransactionReceipt({ hash });
      } catch (error) {
        if (error instanceof TransactionReceiptNotFoundError) return undefined;
        throw mapL2Error(error);
      }
    },
  });
  if (receipt.status !== "success") throw new UserError(`The L2 transaction ${hash} reverted.`, "L2_REVERTED");
  return receipt;
}

/** The L2 balance of an account: ETH, or the wrapped token of an L1 ERC20. */
export async function l2Balance(l2: L2, account: Address, l1Token?: Address): Promise<bigint> {
  try {
    if (!l1Token) return await l2.publicClient.getBalance({ address: account });
    const wrapped = computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token });
    const code = await l2.publicClient.getCode({ address: wrapped });
    if (!code || code === "0x") return 0n;
    return await l2.publicClient.readContract({
      address: wrapped,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [account],
      account,
    });
  } catch (error) {
    throw mapL2Error(error);
  }
}
