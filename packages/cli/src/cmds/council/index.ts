import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { parseUint } from "../../util/format.ts";
import { COUNCIL_ACTIONS, type CouncilActionName } from "./actions.ts";
import { runCouncilExecute, runCouncilSign, runCouncilStatus, type CouncilExecuteOptions } from "./handler.ts";

/** `obscuro council …`: the security council's emergency powers, through its Safe, with owners' signatures collected offline. */
export function councilCommand(): Command {
  const council = new Command("council").description(
    "The security council's emergency powers through its Safe: each owner signs an action to a file " +
      "(council sign), anyone executes the files once there are enough (council execute, or council ACTION).",
  );
  council.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("sign")
          .description(
            `Sign a council action as one owner of the Safe, to a file. Actions: ${Object.entries(COUNCIL_ACTIONS)
              .map(([name, a]) => `${name}${a.argument ? ` <${a.argument}>` : ""}`)
              .join(", ")}.`,
          )
          .argument("<action>", Object.keys(COUNCIL_ACTIONS).join(" | "))
          .argument("[argument]", "the action's argument: a duration (7d), an epoch, a rollup hash or a measurement")
          .option("--out <file>", "the signature file to write (must not exist)")
          .option("--nonce <n>", "sign offline (without --rpc) for this Safe nonce", parseUint),
        "the council owner",
      ),
    ).action(handler(runCouncilSign)),
  );
  const executeOptions = (command: Command) =>
    addNetworkOptions(
      addKeyOptions(
        command.option("--signatures <files...>", "the owners' signature files (at least the Safe's threshold)"),
        "the account that executes (any)",
      ),
    );
  council.addCommand(
    executeOptions(
      new Command("execute").description("Execute the action the owners' signature files sign, through the Safe."),
    ).action(handler((options: CouncilExecuteOptions, _command: Command) => runCouncilExecute(undefined, options))),
  );
  for (const [name, action] of Object.entries(COUNCIL_ACTIONS) as [
    CouncilActionName,
    (typeof COUNCIL_ACTIONS)[CouncilActionName],
  ][]) {
    const command = new Command(name).description(
      `${action.description[0]!.toUpperCase()}${action.description.slice(1)}: execute the owners' signatures of this very action.`,
    );
    if (action.argument) {
      command.argument(`<${action.argument}>`);
      council.addCommand(
        executeOptions(command).action(
          handler((argument: string, options: CouncilExecuteOptions, _command: Command) =>
            runCouncilExecute({ action: name, argument }, options),
          ),
        ),
      );
    } else {
      council.addCommand(
        executeOptions(command).action(
          handler((options: CouncilExecuteOptions, _command: Command) =>
            runCouncilExecute({ action: name, argument: undefined }, options),
          ),
        ),
      );
    }
  }
  council.addCommand(
    addNetworkOptions(
      new Command("status").description(
        "The council Safe (owners, threshold, nonce) and the emergency powers in force.",
      ),
    ).action(handler(runCouncilStatus)),
  );
  return council;
}
