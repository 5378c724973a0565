import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro withdraw`: burn on L2 through the L2 bridge, to claim on L1 once a rollup carrying it is final. */
export function withdrawCommand(): Command {
  return walletOptions(
    new Command("withdraw")
      .description("Withdraw ETH, an ERC20 or an ERC721 from L2 to L1 (through the L2 bridge); waits for the batch.")
      .option("--amount <amount>", "ETH or token amount, e.g. 0.25")
      .option("--token <address>", "the L1 token (ERC20 with --amount, ERC721 with --token-id)")
      .option("--token-id <id>", "the ERC721 token id")
      .option("--to <address>", "the L1 recipient (default: your account)"),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runWithdraw(options as never));
}
