import { Command, InvalidArgumentError, Option } from "commander";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("not a TCP port (0-65535).");
  return n;
}

/** `obscuro devnet`: a local L1 with the whole protocol deployed, up until Ctrl-C. */
export function devnetCommand(): Command {
  return new Command("devnet")
    .description("Start anvil as a local L1, deploy every Obscuro contract and keep running until Ctrl-C.")
    .option("--port <port>", "L1 JSON-RPC port (0 picks a free one)", port, 8545)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .addOption(new Option("--hardfork <name>", "L1 hardfork").choices(["prague", "osaka"]).default("osaka"))
    .option("--block-time <seconds>", "mine a block every N seconds instead of one per transaction", (v) => Number(v))
    .option("--deployments <dir>", "where to write the deployment manifest", "deployments")
    .option("--exit-after-deploy", "stop as soon as everything is deployed (for scripts and tests)", false)
    .action(async (...args: unknown[]) =>
      ((await import("./handler.ts")).runDevnet as (...a: unknown[]) => Promise<void>)(...args),
    );
}
