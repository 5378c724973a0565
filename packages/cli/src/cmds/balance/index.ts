import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro balance`: the account's balance on L1 and, through the gateway, on L2. */
export function balanceCommand(): Command {
  return walletOptions(
    new Command("balance")
      .description("Show your balance of ETH (or of an ERC20) on L1 and, through your gateway, on L2.")
      .option("--token <address>", "an L1 ERC20 (its wrapped token on L2)")
      .option("--account <address>", "whose balance (default: the key's account; L2 needs the gateway to hold it)"),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runBalance(options as never));
}
