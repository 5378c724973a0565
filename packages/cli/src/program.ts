import { Command } from "commander";
import { accountCommand } from "./cmds/account/index.ts";
import { attestationCommand } from "./cmds/attestation/index.ts";
import { balanceCommand } from "./cmds/balance/index.ts";
import { depositCommand } from "./cmds/deposit/index.ts";
import { auditorCommand } from "./cmds/auditor/index.ts";
import { aggregatorCommand } from "./cmds/aggregator/index.ts";
import { councilCommand } from "./cmds/council/index.ts";
import { deployCommand } from "./cmds/deploy/index.ts";
import { deregisterCommand } from "./cmds/deregister/index.ts";
import { govCommand } from "./cmds/gov/index.ts";
import { statusCommand } from "./cmds/status/index.ts";
import { devnetCommand } from "./cmds/devnet/index.ts";
import { exitCommand } from "./cmds/exit/index.ts";
import { explorerCommand } from "./cmds/explorer/index.ts";
import { finalizeCommand } from "./cmds/finalize/index.ts";
import { gatewayCommand } from "./cmds/gateway/index.ts";
import { refundCommand } from "./cmds/refund/index.ts";
import { sendCommand } from "./cmds/send/index.ts";
import { withdrawCommand } from "./cmds/withdraw/index.ts";
import { withdrawalsCommand } from "./cmds/withdrawals/index.ts";
import { nodeCommand } from "./cmds/node/index.ts";
import { reattestCommand } from "./cmds/reattest/index.ts";
import { registerCommand } from "./cmds/register/index.ts";

/** The `obscuro` command tree. Each command lives in `cmds/<name>/` with its options and handler. */
export function buildProgram(): Command {
  const program = new Command("obscuro")
    .description("Obscuro L1: run a devnet, deploy the contracts, operate nodes and use the bridge.")
    .version("0.1.0")
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  program.addCommand(devnetCommand());
  program.addCommand(attestationCommand());
  program.addCommand(gatewayCommand());
  program.addCommand(explorerCommand());
  program.addCommand(accountCommand());
  program.addCommand(depositCommand());
  program.addCommand(balanceCommand());
  program.addCommand(sendCommand());
  program.addCommand(withdrawCommand());
  program.addCommand(withdrawalsCommand());
  program.addCommand(finalizeCommand());
  program.addCommand(exitCommand());
  program.addCommand(refundCommand());
  program.addCommand(nodeCommand());
  program.addCommand(deployCommand());
  program.addCommand(statusCommand());
  program.addCommand(registerCommand());
  program.addCommand(reattestCommand());
  program.addCommand(aggregatorCommand());
  program.addCommand(deregisterCommand());
  program.addCommand(auditorCommand());
  program.addCommand(govCommand());
  program.addCommand(councilCommand());
  return program;
}
