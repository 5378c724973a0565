import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Command } from "commander";
import { buildProgram } from "../src/program.ts";

function* commands(command: Command, path: string[] = []): Generator<[string, Command]> {
  yield [[...path, command.name()].join(" "), command];
  for (const sub of command.commands) yield* commands(sub, [...path, command.name()]);
}

describe("obscuro --help", () => {
  it("renders the help of every command, and every role command takes --json", () => {
    const names: string[] = [];
    for (const [name, command] of commands(buildProgram())) {
      const help = command.helpInformation();
      assert.match(help, /^Usage: /, name);
      names.push(name);
      const leaf = command.commands.length === 0;
      const role =
        /^obscuro (deploy|status|aggregator|deregister|auditor|gov|council|account|deposit|balance|send|withdraw|withdrawals|finalize|exit|refund)\b/.test(
          name,
        );
      if (leaf && role) assert.match(help, /--json/, `${name} has no --json`);
    }
    for (const expected of [
      "obscuro deploy",
      "obscuro status",
      "obscuro aggregator stake",
      "obscuro aggregator unstake",
      "obscuro aggregator withdraw-stake",
      "obscuro aggregator set-host",
      "obscuro deregister",
      "obscuro auditor sign",
      "obscuro auditor approve",
      "obscuro auditor revoke",
      "obscuro gov propose",
      "obscuro gov vote",
      "obscuro gov queue",
      "obscuro gov execute",
      "obscuro gov status",
      "obscuro council sign",
      "obscuro council execute",
      "obscuro council pause",
      "obscuro council unpause",
      "obscuro council declare-breach",
      "obscuro council order-disclosure",
      "obscuro council freeze",
      "obscuro council revoke",
      "obscuro explorer",
    ]) {
      assert.ok(names.includes(expected), `${expected} is missing`);
    }
  });
});
