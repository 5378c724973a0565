import { Command, InvalidArgumentError, Option } from "commander";
import { handler } from "../../util/command.ts";
import { parseUint } from "../../util/format.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runExecute, runGovStatus, runPropose, runQueue, runVote } from "./handler.ts";

/** A proposal id: the Governor's uint256, in decimal or hex. */
function proposalId(value: string): bigint {
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(value.trim())) throw new InvalidArgumentError("not a proposal id (a number).");
  return BigInt(value.trim());
}

/** `obscuro gov …`: token-holder governance over the Governor and the Timelock. */
export function govCommand(): Command {
  const gov = new Command("gov").description(
    "Governance: propose a call for the Timelock (any module setter or upgrade), vote, queue and execute it.",
  );
  gov.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("propose")
          .description("Propose one call for the Timelock to make, checked against the module and simulated first.")
          .option("--target <module>", "a contract of the manifest (networkManagement, bridge, …) or an address")
          .option("--call <signature>", 'the function, e.g. "setMinStake(uint256)"')
          .option("--args <values...>", "its arguments (arrays and tuples as JSON)")
          .option("--description <text>", "what the proposal does and why")
          .addOption(
            new Option("--value <wei>", "ETH (wei) the Timelock sends with the call")
              .argParser(parseUint)
              .default(0n, "0"),
          ),
        "the proposer",
      ),
    ).action(handler(runPropose)),
  );
  gov.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("vote")
          .description("Vote on an active proposal with the votes delegated to you at its snapshot.")
          .argument("<proposal-id>", "the proposal's id", proposalId)
          .argument("<support>", "for, against or abstain")
          .option("--reason <text>", "recorded with the vote"),
        "the voter",
      ),
    ).action(handler(runVote)),
  );
  gov.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("queue")
          .description("Queue a succeeded proposal in the Timelock.")
          .argument("<proposal-id>", "the proposal's id", proposalId),
      ),
    ).action(handler(runQueue)),
  );
  gov.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("execute")
          .description("Execute a queued proposal once the Timelock's delay has passed.")
          .argument("<proposal-id>", "the proposal's id", proposalId),
      ),
    ).action(handler(runExecute)),
  );
  gov.addCommand(
    addNetworkOptions(
      new Command("status")
        .description("One proposal (state, votes, quorum, when), or every proposal.")
        .argument("[proposal-id]", "the proposal's id", proposalId),
    ).action(handler(runGovStatus)),
  );
  return gov;
}
