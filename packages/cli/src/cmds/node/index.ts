import { Command } from "commander";

/**
 * `obscuro node`: runs a node (host + enclave process) until SIGTERM or Ctrl-C. Its options are
 * the node's own (`obscuro node --help`), passed through unchanged.
 */
export function nodeCommand(): Command {
  return new Command("node")
    .description("Run an Obscuro node (host and enclave processes): registers, gets the secret, follows L1, sequences.")
    .allowUnknownOption(true)
    .helpOption(false)
    .argument(
      "[options...]",
      "the node's options: --config FILE, --data-dir, --mode, --l1-rpc, --rpc-port, --ops-port …",
    )
    .action(async (options: string[]) => {
      // Loaded when run: the node is not every command's to load.
      const { runNode } = await import("@obscuro/node");
      process.exitCode = await runNode(options);
    });
}
