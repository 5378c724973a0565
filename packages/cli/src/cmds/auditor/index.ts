import { Command, Option } from "commander";
import { handler } from "../../util/command.ts";
import { parseBytes32, parseDuration, parseUint } from "../../util/format.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runMeasurementStatus, runSign, runSubmit, type SubmitOptions } from "./handler.ts";

/** `obscuro auditor …`: auditors approve and revoke enclave measurements, k of n, with EIP-712 statements. */
export function auditorCommand(): Command {
  const auditor = new Command("auditor").description(
    "Approve or revoke an enclave measurement: each auditor signs a statement to a file, anyone submits k of them.",
  );
  auditor.addCommand(
    addNetworkOptions(
      addKeyOptions(
        new Command("sign")
          .description(
            "Sign an EIP-712 statement approving (or, with --revoke, revoking) a measurement, and write it to a file.",
          )
          .argument("<measurement>", "the enclave measurement (MRENCLAVE or TDX digest), 32 bytes in hex", parseBytes32)
          .option("--out <file>", "the statement file to write (must not exist)")
          .option("--revoke", "sign a revocation (permanent once submitted)", false)
          .option(
            "--deadline <unix-time>",
            "until when the signature counts; every auditor must sign the same one (default: the end of the UTC day --valid-for from now)",
            parseUint,
          )
          .addOption(
            new Option("--valid-for <duration>", "how long the signature counts at least (e.g. 7d, 12h)")
              .argParser(parseDuration)
              .default(7n * 86_400n, "7d"),
          )
          .option("--policy-version <n>", "sign offline (without --rpc) for this policy version", parseUint),
        "the auditor",
      ),
    ).action(handler(runSign)),
  );
  for (const [name, kind, description] of [
    ["approve", "ApproveMeasurement", "Submit the auditors' approval statements: the measurement becomes approved."],
    [
      "revoke",
      "RevokeMeasurement",
      "Submit the auditors' revocation statements: every node running the measurement stops at once, for ever.",
    ],
  ] as const) {
    auditor.addCommand(
      addNetworkOptions(
        addKeyOptions(
          new Command(name)
            .description(description)
            .option("--signatures <files...>", "the statement files, one per auditor (at least the threshold)"),
          "the account that submits (any)",
        ),
      ).action(handler((options: SubmitOptions, _command: Command) => runSubmit(kind, options))),
    );
  }
  auditor.addCommand(
    addNetworkOptions(
      new Command("status")
        .description("A measurement's status (Unknown, Approved, Revoked) and the policy's auditors.")
        .argument("<measurement>", "32 bytes in hex", parseBytes32),
    ).action(handler(runMeasurementStatus)),
  );
  return auditor;
}
