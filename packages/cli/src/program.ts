import { Command } from "commander";
import { attestationCommand } from "./cmds/attestation/index.ts";
import { auditorCommand } from "./cmds/auditor/index.ts";
import { aggregatorCommand } from "./cmds/aggregator/index.ts";
import { councilCommand } from "./cmds/council/index.ts";
import { deployCommand } from "./cmds/deploy/index.ts";
import { deregisterCommand } from "./cmds/deregister/index.ts";
import { govCommand } from "./cmds/gov/index.ts";
import { statusCommand } from "./cmds/status/index.ts";
import { devnetCommand } from "./cmds/devnet/index.ts";
import { nodeCommand } from "./cmds/node/index.ts";

/** The `obscuro` command tree. Each command lives in `cmds/<name>/` with its options and handler. */
export function buildProgram(): Command {
  const program = new Command("obscuro")
    .description("Obscuro L1: run a devnet, deploy the contracts, operate nodes and use the bridge.")
    .version("0.1.0")
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  program.addCommand(devnetCommand());
  program.addCommand(attestationCommand());
  program.addCommand(nodeCommand());
  program.addCommand(deployCommand());
  program.addCommand(statusCommand());
  program.addCommand(aggregatorCommand());
  program.addCommand(deregisterCommand());
  program.addCommand(auditorCommand());
  program.addCommand(govCommand());
  program.addCommand(councilCommand());
  return program;
}
