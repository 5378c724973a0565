import { parseArgs } from "node:util";
import { pino } from "pino";
import { loadNodeConfig, NodeConfigError } from "./config.ts";
import { ObscuroNode } from "./Node.ts";

const USAGE = `obscuro node --config FILE [options]

Starts an Obscuro node: the host process and its enclave process.

Options (each overrides the file, as OBSCURO_NODE_* environment variables do):
  --config FILE        the node's JSON configuration
  --data-dir DIR       where the host database, the sealed enclave state and the p2p key live
  --mode MODE          aggregator | validator
  --l1-rpc URL         the L1 JSON-RPC endpoint
  --rpc-port PORT      the wallet-facing JSON-RPC port (0: any free port)
  --ops-port PORT      /health, /ready, /metrics and /status (0: any free port)
  --p2p-listen ADDR    the multiaddr to listen on for gossip
  --log-level LEVEL    fatal | error | warn | info | debug | trace | silent`;

/**
 * Runs a node until SIGTERM or SIGINT (graceful: every part stops in order, exit 0), or until its
 * enclave dies (exit 1). A bad configuration prints one line naming every problem and exits 2.
 */
export async function runNode(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: "string" },
      "data-dir": { type: "string" },
      mode: { type: "string" },
      "l1-rpc": { type: "string" },
      "rpc-port": { type: "string" },
      "ops-port": { type: "string" },
      "p2p-listen": { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config;
  try {
    config = await loadNodeConfig({
      file: values.config,
      overrides: {
        dataDir: values["data-dir"],
        mode: values.mode,
        logLevel: values["log-level"],
        l1: values["l1-rpc"] ? { rpcUrl: values["l1-rpc"] } : undefined,
        rpc: values["rpc-port"] ? { port: Number(values["rpc-port"]) } : undefined,
        ops: values["ops-port"] ? { port: Number(values["ops-port"]) } : undefined,
        p2p: values["p2p-listen"] ? { listen: values["p2p-listen"] } : undefined,
      },
    });
  } catch (error) {
    if (!(error instanceof NodeConfigError)) throw error;
    process.stderr.write(`${error.shortMessage}${error.details ? ` ${error.details}` : ""}\n`);
    return 2;
  }
  const logger = pino({ level: config.logLevel, base: { mode: config.mode } });
  const node = await ObscuroNode.start(config, logger);
  return new Promise<number>((resolve) => {
    const stop = (code: number) => () => void node.stop().then(() => resolve(code));
    process.once("SIGTERM", stop(0));
    process.once("SIGINT", stop(0));
    node.onFatal(() => stop(1)());
  });
}
