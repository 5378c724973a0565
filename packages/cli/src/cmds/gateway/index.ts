import { Command, InvalidArgumentError } from "commander";
import { walletOptions } from "../wallet/options.ts";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("not a TCP port (0-65535).");
  return n;
}

/** `obscuro gateway`: run a gateway for your wallets; `obscuro gateway register`: authenticate an account with one. */
export function gatewayCommand(): Command {
  const gateway = new Command("gateway")
    .description(
      "Run the gateway: standard Ethereum JSON-RPC (HTTP and WebSocket) for your wallets on an Obscuro node, with viewing keys, until Ctrl-C.",
    )
    .option("--node <url>", "the node's wallet RPC (OBSCURO_NODE)")
    .option("--port <port>", "port to listen on (0: any)", port, 3000)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--manifest <file>", "the deployment manifest, deployments/<chainId>.json (OBSCURO_MANIFEST)")
    .option(
      "--l1-rpc <url>",
      "L1 JSON-RPC endpoint, to check the network key (OBSCURO_L1_RPC; default http://127.0.0.1:8545)",
    )
    .option("--data-dir <dir>", "database and secret file (default ~/.obscuro/gateway)")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent", "info")
    .option(
      "--poll-interval <ms>",
      "how often to ask the node for new blocks for subscriptions",
      (v) => Number(v),
      1000,
    )
    .action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runGateway(options as never));
  gateway.addCommand(
    walletOptions(
      new Command("register")
        .description(
          "Authenticate your account with a gateway (join, sign the viewing key's EIP-712 statement) and print its token URL.",
        )
        .option(
          "--gateway <url>",
          "the gateway (http://127.0.0.1:3000), or a token URL to add the account to (OBSCURO_GATEWAY)",
        ),
      { l2: false },
    ).action(async (options: Record<string, unknown>) => (await import("./handler.ts")).runRegister(options as never)),
  );
  return gateway;
}
