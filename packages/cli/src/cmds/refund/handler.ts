import type { Hash } from "viem";
import { bridgeManagementAbi, buildDepositRangeProof, isErrorWithCode, planRefundPoints } from "@obscuro/sdk";
import { openAccount, openL1, type WalletOptions } from "../../wallet/context.ts";
import { revertName, UserError } from "../../wallet/errors.ts";
import { confirmOnL1 } from "../../wallet/l1.ts";
import { printResult, Progress } from "../../util/progress.ts";

export interface RefundOptions extends WalletOptions {
  index?: string;
}

export async function runRefund(options: RefundOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options, account);
  const timeoutMs = (options.timeout ?? 3600) * 1000;
  if (options.index !== undefined && !/^\d+$/.test(options.index))
    throw new UserError(`The deposit index ${options.index} is not a whole number.`, "INVALID_AMOUNT");
  progress.update("Reading the bridge's deposit queue");
  let queue = await l1.publicClient.readDepositQueue();
  if (!queue.frozen)
    throw new UserError("Not in exit mode: deposits are refunded only after the bridge is frozen.", "NOT_FROZEN");
  const frozenCount = queue.frozen.count;
  const bridge = l1.manifest.contracts.BridgeManagement;
  const candidates = queue.deposits
    .map((deposit, i) => ({ deposit, index: BigInt(i) }))
    .filter(({ deposit, index }) => deposit.from === account.address && index >= frozenCount)
    .filter(({ index }) => options.index === undefined || index === BigInt(options.index));
  if (options.index !== undefined && candidates.length === 0) {
    const index = BigInt(options.index);
    throw new UserError(
      index < frozenCount
        ? `Deposit #${index} is in the frozen rollup's ledger: exit it with \`obscuro exit\` instead.`
        : `No deposit #${index} of ${account.address} in the queue.`,
      "NOT_REFUNDABLE",
    );
  }
  const refunded: { index: bigint; l1Transaction: Hash }[] = [];
  for (const { index } of candidates) {
    const done = await l1.publicClient.readContract({
      address: bridge,
      abi: bridgeManagementAbi,
      functionName: "isDepositRefunded",
      args: [index],
    });
    if (done) {
      if (options.index !== undefined)
        throw new UserError(`Already claimed: deposit #${index} was refunded before.`, "ALREADY_CLAIMED");
      continue;
    }
    let proof;
    try {
      proof = buildDepositRangeProof(queue, index);
    } catch (error) {
      if (!isErrorWithCode(error, "DEPOSIT_CHECKPOINT_NOT_FOUND")) throw error;
      // the range is too long for one proof: record refund points first (anyone may)
      for (const chunk of planRefundPoints(queue)) {
        progress.update(`Recording refund points ${chunk.startCount}–${chunk.end.count}`);
        await confirmOnL1(l1, await l1.wallet!.recordRefundPoints({ chunk }), progress, timeoutMs);
      }
      queue = await l1.publicClient.readDepositQueue();
      proof = buildDepositRangeProof(queue, index);
    }
    progress.update(`Refunding deposit #${index}`);
    let hash: Hash;
    try {
      hash = await l1.wallet!.refundDeposit({ index, proof });
    } catch (error) {
      if (revertName(error) === "BridgeManagement_AlreadyRefunded")
        throw new UserError(`Already claimed: deposit #${index} was refunded before.`, "ALREADY_CLAIMED");
      throw error;
    }
    const receipt = await confirmOnL1(l1, hash, progress, timeoutMs);
    progress.done(`Deposit #${index} refunded in L1 block ${receipt.blockNumber}`);
    refunded.push({ index, l1Transaction: hash });
  }
  printResult(
    options.json ?? false,
    { account: account.address, refunded },
    refunded.length === 0
      ? ["Nothing to refund."]
      : refunded.map((r) => `Deposit #${r.index} refunded: L1 transaction ${r.l1Transaction}.`),
  );
}
