import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { parsePositiveInt } from "../../util/format.ts";
import { runRegister } from "./handler.ts";

/** Adds `--config`, `--timeout` and `--json` to `register` and `reattest`. */
export function addNodeEnclaveOptions(command: Command): Command {
  return command
    .option("--config <file>", "the node's configuration (the one `obscuro node --config` runs)")
    .option("--timeout <seconds>", "how long to wait for the transaction to be mined", parsePositiveInt, 120)
    .option("--json", "print the result as one JSON object", false);
}

/** `obscuro register`: the operator registers a (stopped) node's enclave, paying the fee. */
export function registerCommand(): Command {
  return addNodeEnclaveOptions(
    new Command("register").description(
      "Register a node's enclave on L1 from its operator, paying the fee, with a fresh attestation of the node's " +
        "own enclave key; the node must be stopped (a running node registers itself). Then start the node: it gets the secret.",
    ),
  ).action(handler(runRegister));
}
