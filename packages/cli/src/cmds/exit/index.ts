import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

/** `obscuro exit`: in exit mode, take a balance out of the frozen rollup's ledger with its proof. */
export function exitCommand(): Command {
  return walletOptions(
    new Command("exit")
      .description(
        "In exit mode (the bridge frozen on a rollup), withdraw your balance of ETH, an ERC20 (--token) or an ERC721 (--token --token-id) with a balance proof from the enclave.",
      )
      .option("--token <address>", "the L1 token")
      .option("--token-id <id>", "the ERC721 token id"),
  ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runExit(options as never));
}
