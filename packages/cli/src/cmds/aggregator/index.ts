import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { parseAddress, parseTokenAmount } from "../../util/format.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runSetHost, runStake, runUnstake, runWithdrawStake } from "./handler.ts";

/** Adds the operator's key and the network options to a subcommand. */
function operator(command: Command): Command {
  return addNetworkOptions(addKeyOptions(command, "the operator"));
}

/** `obscuro aggregator …`: an operator's stake and host address in NetworkManagement. */
export function aggregatorCommand(): Command {
  const aggregator = new Command("aggregator").description(
    "Stake OBX to publish rollups, publish the host address peers bootstrap from, and leave.",
  );
  aggregator.addCommand(
    operator(
      new Command("stake")
        .description(
          "Stake OBX: the first time with the operator's active enclave and host address (becomes an aggregator), " +
            "afterwards to add to the stake.",
        )
        .argument("<amount>", "OBX to stake (e.g. 10000 or 2.5)", parseTokenAmount)
        .option("--enclave <id>", "first stake: the operator's active enclave", parseAddress)
        .option("--host <address>", "first stake: a libp2p multiaddr or URL peers can reach"),
    ).action(handler(runStake)),
  );
  aggregator.addCommand(
    operator(
      new Command("unstake").description(
        "Leave: the whole stake unbonds for the unbonding period (still slashable) and the host leaves the list.",
      ),
    ).action(handler(runUnstake)),
  );
  aggregator.addCommand(
    operator(
      new Command("withdraw-stake").description("Take the unbonded stake back once the unbonding period has passed."),
    ).action(handler(runWithdrawStake)),
  );
  aggregator.addCommand(
    operator(
      new Command("set-host")
        .description("Publish a new host address (a libp2p multiaddr or URL) in the on-chain host list.")
        .argument("<address>", "e.g. /dns4/node.example.org/tcp/30303"),
    ).action(handler(runSetHost)),
  );
  return aggregator;
}
