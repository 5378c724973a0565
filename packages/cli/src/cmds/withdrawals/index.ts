import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro withdrawals`: the account's withdrawals, their rollup, time to finality and whether claimed. */
export function withdrawalsCommand(): Command {
  return walletOptions(
    new Command("withdrawals").description(
      "List your L2 withdrawals: waiting for a rollup, final in N L1 blocks, ready to finalize, or claimed.",
    ),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runWithdrawals(options as never));
}
