import { bridgeManagementAbi } from "@obscuro/sdk";
import type { Hex } from "viem";
import { openAccount, openL1, openL2, type L1, type WalletOptions } from "../../wallet/context.ts";
import { formatSeconds } from "../../wallet/format.ts";
import { listWithdrawals, type L2WithdrawalEntry } from "../../wallet/withdrawals.ts";
import { printResult } from "../../util/progress.ts";

/** Where a withdrawal stands. */
export type WithdrawalStatus = "awaiting-rollup" | "awaiting-finality" | "ready" | "claimed";

export interface WithdrawalState {
  withdrawal: L2WithdrawalEntry;
  status: WithdrawalStatus;
  /** L1 blocks and estimated seconds until final (awaiting-finality). */
  blocks?: bigint | undefined;
  seconds?: number | undefined;
}

/** A withdrawal's status on L1: claimed, final (ready), or how long until its rollup is final. */
export async function withdrawalState(l1: L1, withdrawal: L2WithdrawalEntry): Promise<WithdrawalState> {
  const claimed = await l1.publicClient.readContract({
    address: l1.manifest.contracts.BridgeManagement,
    abi: bridgeManagementAbi,
    functionName: "isWithdrawalFinalized",
    args: [withdrawal.id],
  });
  if (claimed) return { withdrawal, status: "claimed" };
  if (!withdrawal.rollupHash) return { withdrawal, status: "awaiting-rollup" };
  const time = await l1.publicClient.getTimeToFinality({ rollupHash: withdrawal.rollupHash as Hex });
  if (time.final) return { withdrawal, status: "ready" };
  return { withdrawal, status: "awaiting-finality", blocks: time.blocks, seconds: time.seconds };
}

export function describeState(state: WithdrawalState): string {
  switch (state.status) {
    case "claimed":
      return "claimed on L1";
    case "ready":
      return "final: ready to finalize";
    case "awaiting-rollup":
      return "waiting for a rollup to carry it";
    case "awaiting-finality":
      return state.blocks === undefined
        ? "in a rollup; finality held back by an open contest"
        : `in a rollup, final in ${state.blocks} L1 blocks (${formatSeconds(state.seconds ?? 0)})`;
  }
}

export async function runWithdrawals(options: WalletOptions): Promise<void> {
  const account = await openAccount(options);
  const l1 = await openL1(options);
  const l2 = await openL2(options, l1.manifest, account.address);
  try {
    const states = await Promise.all((await listWithdrawals(l2, account.address)).map((w) => withdrawalState(l1, w)));
    printResult(
      options.json ?? false,
      {
        account: account.address,
        withdrawals: states.map((s) => ({
          id: s.withdrawal.id,
          kind: s.withdrawal.kind,
          token: s.withdrawal.token,
          amountOrId: s.withdrawal.amountOrId,
          recipient: s.withdrawal.recipient,
          rollupHash: s.withdrawal.rollupHash,
          status: s.status,
          blocksToFinality: s.blocks ?? null,
          secondsToFinality: s.seconds ?? null,
        })),
      },
      states.length === 0
        ? ["No withdrawals."]
        : states.map(
            (s) =>
              `#${s.withdrawal.id}  ${["ETH", "ERC20", "ERC721"][s.withdrawal.kind]} ${s.withdrawal.kind === 2 ? `token #${s.withdrawal.amountOrId}` : s.withdrawal.amountOrId} of ${s.withdrawal.token} to ${s.withdrawal.recipient}: ${describeState(s)}`,
          ),
    );
  } finally {
    await l2.close();
  }
}
