import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro refund`: in exit mode, take back deposits the frozen rollup did not consume. */
export function refundCommand(): Command {
  return walletOptions(
    new Command("refund").description(
      "In exit mode, refund your deposits that the frozen rollup did not consume (all of them, or --index).",
    ),
    { l2: false },
  )
    .option("--index <n>", "only this deposit")
    .action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runRefund(options as never));
}
