import { Command } from "commander";
import { walletOptions } from "../wallet/options.ts";

const run =
  (kind: "eth" | "erc20" | "erc721") =>
  async (options: Record<string, unknown>): Promise<void> =>
    (await import("./handler.ts")).runDeposit(kind, options as never);

/** `obscuro deposit eth|erc20|erc721`: L1 → L2 through the bridge, waiting for the L2 credit. */
export function depositCommand(): Command {
  const deposit = new Command("deposit").description(
    "Deposit ETH, an ERC20 or an ERC721 into the L2; waits for the L1 confirmation and, through your gateway (--gateway), the L2 credit.",
  );
  const common = (command: Command) =>
    walletOptions(command)
      .option("--to <address>", "the L2 recipient (default: your account)")
      .option("--no-wait", "return once L1 confirms, without waiting for the L2 credit");
  deposit.addCommand(
    common(
      new Command("eth").description("Deposit ETH.").requiredOption("--amount <ether>", "ETH to deposit, e.g. 1.5"),
    ).action(run("eth")),
  );
  deposit.addCommand(
    common(
      new Command("erc20")
        .description("Deposit an ERC20 (the bridge must be approved, or pass --approve).")
        .requiredOption("--token <address>", "the L1 token")
        .requiredOption("--amount <amount>", "in the token's units, e.g. 100.5")
        .option("--approve", "approve the bridge for the amount first if needed", false),
    ).action(run("erc20")),
  );
  deposit.addCommand(
    common(
      new Command("erc721")
        .description("Deposit an ERC721 token (the bridge must be approved, or pass --approve).")
        .requiredOption("--token <address>", "the L1 token")
        .requiredOption("--token-id <id>", "the token id")
        .option("--approve", "approve the bridge for the token first if needed", false),
    ).action(run("erc721")),
  );
  return deposit;
}
