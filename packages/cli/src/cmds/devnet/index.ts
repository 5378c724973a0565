import { Command, InvalidArgumentError, Option } from "commander";
import type { DevnetOptions } from "./handler.ts";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("not a TCP port (0-65535).");
  return n;
}

/** `obscuro devnet`: a local L1 with the whole protocol deployed, up until Ctrl-C. */
export function devnetCommand(): Command {
  return (
    new Command("devnet")
      .description(
        "Start a whole Obscuro network: anvil as L1, every contract deployed, the dev measurement approved, two aggregators and a validator; until Ctrl-C.",
      )
      .option("--port <port>", "L1 JSON-RPC port (0 picks a free one)", port, 8545)
      .option("--host <host>", "interface to bind", "127.0.0.1")
      .addOption(new Option("--hardfork <name>", "L1 hardfork").choices(["prague", "osaka"]).default("osaka"))
      .option("--block-time <seconds>", "seconds between L1 blocks", (v) => Number(v), 2)
      .option("--deployments <dir>", "where to write the deployment manifest", "deployments")
      .option("--nodes <n>", "nodes to run: aggregators, then one validator (0: the L1 alone)", (v) => Number(v), 3)
      .option("--state-dir <dir>", "where anvil's state and the nodes' data are kept across restarts", ".devnet")
      .option("--fresh", "forget the kept state and start a new network", false)
      .option("--gateway-port <port>", "the gateway's port (with --port 0, a free one)", port, 3000)
      .option("--exit-after-deploy", "stop as soon as everything is deployed (for scripts and tests)", false)
      // Loaded when run: the devtools and the node are not every command's to load.
      .action(async (options: DevnetOptions) => (await import("./handler.ts")).runDevnet(options))
  );
}
