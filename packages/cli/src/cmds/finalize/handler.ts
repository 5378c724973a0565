import type { Hash, Hex } from "viem";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { revertName, UserError } from "../../wallet/errors.ts";
import { confirmOnL1 } from "../../wallet/l1.ts";
import { waitUntil } from "../../wallet/wait.ts";
import { listWithdrawals, withdrawalProof, type L2WithdrawalEntry } from "../../wallet/withdrawals.ts";
import { printResult, Progress } from "../../util/progress.ts";
import { describeState, withdrawalState } from "../withdrawals/handler.ts";

export interface FinalizeOptions extends WalletOptions {
  id?: string;
  wait: boolean;
}

export async function runFinalize(options: FinalizeOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options, account);
  const l2 = await openL2(options, l1.manifest, account.address);
  const timeoutMs = (options.timeout ?? 3600) * 1000;
  const deadline = Date.now() + timeoutMs;
  try {
    if (options.id !== undefined && !/^\d+$/.test(options.id))
      throw new UserError(`The withdrawal id ${options.id} is not a whole number.`, "INVALID_AMOUNT");
    const all = await listWithdrawals(l2, account.address);
    const mine = all.filter((w) => w.recipient === account.address || w.sender === account.address);
    let targets: L2WithdrawalEntry[];
    if (options.id !== undefined) {
      const found = mine.find((w) => w.id === BigInt(options.id!));
      if (!found)
        throw new UserError(`No withdrawal #${options.id} of ${account.address} on L2.`, "UNKNOWN_WITHDRAWAL");
      targets = [found];
    } else targets = mine;
    const finalized: { id: bigint; l1Transaction: Hash; l1Block: bigint }[] = [];
    for (let withdrawal of targets) {
      const id = withdrawal.id;
      let state = await withdrawalState(l1, withdrawal);
      if (state.status === "claimed") {
        if (options.id !== undefined)
          throw new UserError(`Already claimed: withdrawal #${id} was finalized on L1 before.`, "ALREADY_CLAIMED");
        continue;
      }
      if (state.status !== "ready" && !options.wait)
        throw new UserError(`Not yet final: withdrawal #${id} is ${describeState(state)}.`, "NOT_FINAL");
      if (!withdrawal.rollupHash) {
        progress.update(`Withdrawal #${id}: waiting for a rollup to carry it`);
        withdrawal = await waitUntil({
          what: `a rollup carrying withdrawal #${id}`,
          timeoutMs: deadline - Date.now(),
          wake: l1.onBlock,
          check: async () => (await listWithdrawals(l2, account.address)).find((w) => w.id === id && w.rollupHash),
        });
        progress.done(`Withdrawal #${id} is in rollup ${withdrawal.rollupHash}`);
        state = await withdrawalState(l1, withdrawal);
      }
      if (state.status !== "ready") {
        await waitUntil({
          what: `the finality of withdrawal #${id}'s rollup`,
          timeoutMs: deadline - Date.now(),
          wake: l1.onBlock,
          check: async () => {
            const now = await withdrawalState(l1, withdrawal);
            if (now.status === "ready" || now.status === "claimed") return now;
            progress.update(`Withdrawal #${id}: ${describeState(now)}`);
            return undefined;
          },
        });
        progress.done(`Withdrawal #${id}'s rollup is final`);
      }
      const proof = await withdrawalProof(l2, account.address, withdrawal.rollupHash as Hex, id);
      progress.update(`Finalizing withdrawal #${id} on L1`);
      let hash: Hash;
      try {
        hash = await l1.wallet!.finalizeWithdrawal(proof);
      } catch (error) {
        const name = revertName(error);
        if (name === "BridgeManagement_WithdrawalAlreadyFinalized")
          throw new UserError(`Already claimed: withdrawal #${id} was finalized on L1 before.`, "ALREADY_CLAIMED");
        if (name === "RollupManagement_NotFinal")
          throw new UserError(`Not yet final: withdrawal #${id}'s rollup is not final on L1.`, "NOT_FINAL");
        if (name === "BridgeManagement_WithdrawalsPaused")
          throw new UserError("Withdrawals are paused by the security council; try again later.", "WITHDRAWALS_PAUSED");
        throw error;
      }
      const receipt = await confirmOnL1(l1, hash, progress, Math.max(1000, deadline - Date.now()));
      progress.done(`Withdrawal #${id} finalized in L1 block ${receipt.blockNumber}`);
      finalized.push({ id, l1Transaction: hash, l1Block: receipt.blockNumber });
    }
    printResult(
      options.json ?? false,
      { account: account.address, finalized },
      finalized.length === 0
        ? ["Nothing to finalize."]
        : finalized.map((f) => `Withdrawal #${f.id} paid on L1: transaction ${f.l1Transaction}, block ${f.l1Block}.`),
    );
  } finally {
    await l2.close();
  }
}
