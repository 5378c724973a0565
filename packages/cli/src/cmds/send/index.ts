import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro send`: an L2 transfer of ETH or of a wrapped ERC20, through the gateway. */
export function sendCommand(): Command {
  return walletOptions(
    new Command("send")
      .description("Send ETH (or a wrapped ERC20) to another account on L2, through your gateway; waits for the batch.")
      .requiredOption("--to <address>", "the L2 recipient")
      .requiredOption("--amount <amount>", "e.g. 0.5")
      .option("--token <address>", "the L1 ERC20 whose wrapped token to send"),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runSend(options as never));
}
