import { InvalidArgumentError, type Command } from "commander";

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("not a positive number of seconds.");
  return n;
}

/**
 * The options of the wallet commands: the deployment and L1 endpoint, the gateway (L2), the key
 * (a keystore or a key file: never a key on the command line), `--json` and `--timeout`.
 */
export function walletOptions(command: Command, parts: { l2?: boolean; key?: boolean } = {}): Command {
  command
    .option("--manifest <file>", "the deployment manifest, deployments/<chainId>.json (OBSCURO_MANIFEST)")
    .option("--l1-rpc <url>", "L1 JSON-RPC endpoint (OBSCURO_L1_RPC; default http://127.0.0.1:8545)");
  if (parts.l2 !== false)
    command.option("--gateway <url>", "your gateway's token URL, …/v1/?token=… (OBSCURO_GATEWAY)");
  if (parts.key !== false)
    command
      .option("--keystore <file>", "an Ethereum keystore v3 file (OBSCURO_KEYSTORE)")
      .option("--password-file <file>", "the keystore's password, first line (else OBSCURO_PASSWORD, else asked)")
      .option("--private-key-file <file>", "a file holding the private key in hex, instead of a keystore");
  return command
    .option("--json", "print one JSON object instead of text", false)
    .option("--timeout <seconds>", "give up waiting after this long", seconds, 3600);
}
