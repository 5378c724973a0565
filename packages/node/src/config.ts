import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { BaseError } from "@obscuro/sdk";

/** The node's configuration was missing, unreadable or invalid. */
export class NodeConfigError extends BaseError {
  readonly code = "NODE_CONFIG_INVALID";
}

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address (0x and 40 hex digits)");
const port = z.number().int().min(0).max(65_535);
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * The node's configuration: a JSON file, then `OBSCURO_NODE_*` environment variables, then
 * command-line flags, each overriding the one before. Relative paths are taken from the file's
 * folder. Unknown keys are refused, so a typo is an error and not a silently ignored setting.
 */
export const NodeConfigSchema = z
  .object({
    /** Where the host database, the enclave's sealed state and the p2p identity live. */
    dataDir: z.string().min(1),
    /** `aggregator`: stakes, takes part in the lottery and publishes rollups. `validator`: re-executes and testifies. */
    mode: z.enum(["aggregator", "validator"]),
    /** The deployment manifest (`deployments/<chainId>.json`) of the network to join. */
    manifest: z.string().min(1),
    /** A file holding the operator's L1 private key (hex). Never the key itself. */
    operatorKeyFile: z.string().min(1),
    l1: z
      .object({
        rpcUrl: z.url(),
        /** The beacon API blobs are read from; default: `rpcUrl` (anvil serves both). */
        beaconUrl: z.url().optional(),
        pollIntervalMs: z.number().int().min(50).max(60_000).default(1_000),
      })
      .strict(),
    /** The dev attestation vendor (dev networks); default: the manifest's. */
    attestation: z
      .object({ kind: z.literal("dev"), vendor: address.optional() })
      .strict()
      .default({ kind: "dev" }),
    p2p: z
      .object({
        /** Multiaddr to listen on. */
        listen: z.string().default("/ip4/127.0.0.1/tcp/0"),
        /** Extra peers to dial (the host list on L1 is always used). */
        bootstrap: z.array(z.string()).default([]),
      })
      .strict()
      .default({ listen: "/ip4/127.0.0.1/tcp/0", bootstrap: [] }),
    /** The wallet-facing JSON-RPC endpoint gateways talk to. */
    rpc: z
      .object({ host: z.string().default("127.0.0.1"), port: port.default(0) })
      .strict()
      .default({ host: "127.0.0.1", port: 0 }),
    /** `/health`, `/ready` and `/metrics`. */
    ops: z
      .object({ host: z.string().default("127.0.0.1"), port: port.default(0) })
      .strict()
      .default({ host: "127.0.0.1", port: 0 }),
    sequencing: z
      .object({
        /** OBX wei to stake (aggregators); default: the network's minimum stake. */
        stake: z
          .string()
          .regex(/^\d+$/, "an integer amount of OBX wei")
          .transform((v) => BigInt(v))
          .optional(),
        /** Milliseconds between batches (L2 blocks) while the node sequences. */
        batchIntervalMs: z.number().int().min(100).max(60_000).default(1_000),
        /** L1 blocks a sequencing slot lasts before its rollup is published. */
        rollupIntervalBlocks: z.number().int().min(1).max(1_000).default(4),
        /** L1 blocks the slot's rollup may take to reach L1 before the next ticket takes over. */
        takeoverBlocks: z.number().int().min(1).max(1_000).default(4),
        /**
         * Where rollup data goes: `auto` (each rollup where it costs less at the current L1 fees;
         * calldata on an L1 without blobs), `blobs` (EIP-4844) or `calldata`.
         */
        dataMode: z.enum(["auto", "blobs", "calldata"]).default("auto"),
        /**
         * Whether the node stakes and keeps its host address on L1 itself (default). `false`: the
         * operator does both (`obscuro aggregator stake`, `set-host`) and the node publishes once staked.
         */
        autoStake: z.boolean().default(true),
      })
      .strict()
      .default({
        batchIntervalMs: 1_000,
        rollupIntervalBlocks: 4,
        takeoverBlocks: 4,
        dataMode: "auto",
        autoStake: true,
      }),
    /** Seconds before the attestation expires at which the node re-attests. */
    reattestMarginSeconds: z.number().int().min(60).default(3_600),
    logLevel: logLevel.default("info"),
  })
  .strict();

export type NodeConfig = z.output<typeof NodeConfigSchema>;
export type NodeConfigInput = z.input<typeof NodeConfigSchema>;

/** The environment variables the node reads (each overrides the file). */
export const NODE_ENVIRONMENT: Record<string, (config: Record<string, unknown>, value: string) => void> = {
  OBSCURO_NODE_DATA_DIR: (c, v) => (c.dataDir = v),
  OBSCURO_NODE_MODE: (c, v) => (c.mode = v),
  OBSCURO_NODE_MANIFEST: (c, v) => (c.manifest = v),
  OBSCURO_NODE_OPERATOR_KEY_FILE: (c, v) => (c.operatorKeyFile = v),
  OBSCURO_NODE_L1_RPC_URL: (c, v) => (section(c, "l1").rpcUrl = v),
  OBSCURO_NODE_L1_BEACON_URL: (c, v) => (section(c, "l1").beaconUrl = v),
  OBSCURO_NODE_RPC_PORT: (c, v) => (section(c, "rpc").port = Number(v)),
  OBSCURO_NODE_OPS_PORT: (c, v) => (section(c, "ops").port = Number(v)),
  OBSCURO_NODE_P2P_LISTEN: (c, v) => (section(c, "p2p").listen = v),
  OBSCURO_NODE_DATA_MODE: (c, v) => (section(c, "sequencing").dataMode = v),
  OBSCURO_NODE_LOG_LEVEL: (c, v) => (c.logLevel = v),
};

function section(config: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = config[key];
  if (value && typeof value === "object") return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  config[key] = created;
  return created;
}

/**
 * Reads the configuration file, applies the environment and `overrides` (from flags), validates
 * the result and makes its paths absolute.
 * @throws {NodeConfigError} naming the file and every invalid setting.
 */
export async function loadNodeConfig({
  file,
  env = process.env,
  overrides = {},
}: {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  overrides?: Record<string, unknown> | undefined;
}): Promise<NodeConfig> {
  let raw: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (cause) {
      throw new NodeConfigError(`Cannot read the node configuration file ${file}.`, { cause });
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (cause) {
      throw new NodeConfigError(`The node configuration file ${file} is not valid JSON.`, { cause });
    }
  }
  for (const [name, apply] of Object.entries(NODE_ENVIRONMENT)) {
    const value = env[name];
    if (value !== undefined && value !== "") apply(raw, value);
  }
  raw = deepMerge(raw, overrides);
  const parsed = NodeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new NodeConfigError(`The node configuration${file ? ` in ${file}` : ""} is invalid.`, {
      details: problems.join("; "),
    });
  }
  const base = file === undefined ? process.cwd() : dirname(resolve(file));
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  return {
    ...parsed.data,
    dataDir: absolute(parsed.data.dataDir),
    manifest: absolute(parsed.data.manifest),
    operatorKeyFile: absolute(parsed.data.operatorKeyFile),
  };
}

function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object"
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
