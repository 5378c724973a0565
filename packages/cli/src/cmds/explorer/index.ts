import { Command, InvalidArgumentError } from "commander";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("not a TCP port (0-65535).");
  return n;
}

/** `obscuro explorer`: the explorer's web page over L1 and the nodes, until Ctrl-C. */
export function explorerCommand(): Command {
  return new Command("explorer")
    .description(
      "Run the explorer: a web page over L1 and the nodes (network, rollup tree with forks and finality, bridge, governance), until Ctrl-C.",
    )
    .option("--manifest <file>", "the deployment manifest, deployments/<chainId>.json (OBSCURO_MANIFEST)")
    .option("--l1-rpc <url>", "L1 JSON-RPC endpoint (OBSCURO_L1_RPC; default http://127.0.0.1:8545)")
    .option(
      "--node-status <url>",
      "a node's ops endpoint (http://host:port or its /status), for its L2 head; repeat for each node",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--port <port>", "port to listen on (0: any)", port, 4000)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent", "info")
    .action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runExplorer(options as never));
}
