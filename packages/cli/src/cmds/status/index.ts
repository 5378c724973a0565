import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { parseAddress } from "../../util/format.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runStatus } from "./handler.ts";

/** `obscuro status`: the network at a glance, or one node, or one operator. */
export function statusCommand(): Command {
  const command = new Command("status")
    .description(
      "The network at a glance (nodes, aggregators, canonical head and finality, forks, bridge balances, " +
        "pause and breach); with --enclave one node (registration, secret, key expiry, stake, host).",
    )
    .option(
      "--enclave <id>",
      "one node: its registration, secret, key expiry and its operator's stake and host",
      parseAddress,
    )
    .option("--operator <address>", "one operator: its stake, unbonding stake and host", parseAddress);
  return addNetworkOptions(command).action(handler(runStatus));
}
