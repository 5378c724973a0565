import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro finalize`: claim withdrawals on L1 once their rollup is final (waiting for it, with a countdown). */
export function finalizeCommand(): Command {
  return walletOptions(
    new Command("finalize")
      .description(
        "Claim your withdrawals on L1 (all unclaimed ones, or --id): waits for a rollup to carry each and for its finality, with a countdown.",
      )
      .option("--id <id>", "only this withdrawal")
      .option("--no-wait", "fail at once if a withdrawal is not final yet, instead of waiting"),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runFinalize(options as never));
}
