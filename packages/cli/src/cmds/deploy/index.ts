import { Command, Option } from "commander";
import { handler } from "../../util/command.ts";
import { parseAddress, parseAddressList, parsePositiveInt } from "../../util/format.ts";
import { addKeyOptions } from "../../util/keys.ts";
import { addNetworkOptions } from "../../util/network.ts";
import { runDeploy } from "./handler.ts";

/** `obscuro deploy`: the whole protocol on any EVM chain at Prague or later. */
export function deployCommand(): Command {
  const command = new Command("deploy")
    .description(
      "Deploy every Obscuro contract to an L1 at Prague or later and write the deployment manifest. " +
        "The attestation setup and the council are always explicit.",
    )
    .addOption(
      new Option("--attestation <kind>", "how nodes attest: dev (a simulated vendor) or dcap (Intel SGX/TDX)").choices([
        "dev",
        "dcap",
      ]),
    )
    .option(
      "--vendor <address>",
      "dev attestation: the simulated TEE vendor whose signature makes a report",
      parseAddress,
    )
    .option(
      "--auditors <addresses>",
      "the auditors who approve enclave measurements (comma-separated)",
      parseAddressList,
    )
    .option("--threshold <k>", "how many auditors must sign an approval", parsePositiveInt)
    .option("--root-certificate <file>", "dcap, test networks only: another root CA than Intel's (PEM or DER)")
    .option("--council <address>", "an existing security council (a Safe, or any account)", parseAddress)
    .option(
      "--council-owners <addresses>",
      "create a council Safe with these owners (comma-separated)",
      parseAddressList,
    )
    .option("--council-threshold <k>", "how many council owners must sign", parsePositiveInt)
    .option("--governance <address>", "an existing governance (default: a new Governor and Timelock)", parseAddress)
    .option("--treasury <address>", "receives the whole token supply (default: the deployer)", parseAddress)
    .option("--settings <file>", "JSON with the modules' parameters (network, rollup, slashing, governanceSettings)")
    .option("--out <file>", "where to write the manifest (default: deployments/<chainId>.json)")
    .option("--force", "overwrite an existing manifest", false);
  addKeyOptions(command, "the deployer");
  addNetworkOptions(command, { manifest: false });
  return command.action(handler(runDeploy));
}
