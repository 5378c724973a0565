import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { parseAddress } from "../../util/format.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runDeregister } from "./handler.ts";

/** `obscuro deregister`: an operator retires one of its nodes, for ever. */
export function deregisterCommand(): Command {
  const command = new Command("deregister")
    .description("Retire a node for ever: its enclave stops being active and can never register again.")
    .option("--enclave <id>", "the node's enclave id", parseAddress)
    .option("--yes", "confirm: deregistering is permanent", false);
  return addNetworkOptions(addKeyOptions(command, "the node's operator")).action(handler(runDeregister));
}
