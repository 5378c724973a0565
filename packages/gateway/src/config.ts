import { join } from "node:path";
import { getAddress, isAddress, type Address } from "viem";
import type { Logger } from "pino";
import { z } from "zod";
import { GatewayConfigError } from "./errors.ts";

const url = z.string().refine((value) => URL.canParse(value), "not a URL");
const address = z
  .string()
  .refine((value) => isAddress(value), "not an address")
  .transform((value) => getAddress(value) as Address);

/**
 * What a gateway is started with. Everything but the node, the L1 and the data directory has a
 * default; `parseGatewayConfig` validates and fills them.
 */
export const gatewayConfigSchema = z.object({
  /** The node's wallet-facing JSON-RPC (`NodeRpcServer`). */
  nodeUrl: url,
  /** An L1 JSON-RPC endpoint: the network key the node announces is checked against L1's. */
  l1RpcUrl: url,
  /** The L1 `NetworkManagement` (from the deployment manifest): where L1 keeps the network key. */
  networkManagement: address,
  /** Interface to listen on. */
  host: z.string().min(1).default("127.0.0.1"),
  /** TCP port (0: any free port). */
  port: z.number().int().min(0).max(65_535).default(3000),
  /** Where the database and the secret file live (created if missing, mode 0700). */
  dataDir: z.string().min(1),
  /** The secret that seals viewing keys at rest (created 0600 if missing). Default: `<dataDir>/gateway.secret`. */
  secretFile: z.string().min(1).optional(),
  /** The SQLite database of users and accounts. Default: `<dataDir>/gateway.sqlite`. */
  databaseFile: z.string().min(1).optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often the gateway asks the node for its head while WebSocket subscriptions are open, ms. */
  pollIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  /** Longest wait for one answer of the node, ms. */
  nodeTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
  /** Longest wait at start for the node to serve the network, ms (0: ask once). */
  nodeReadyTimeoutMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Accounts one token may hold. */
  maxAccountsPerToken: z.number().int().min(1).max(1000).default(16),
  /** Largest request body, bytes. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** A filter not polled for this long is removed (as in geth), ms. */
  filterTimeoutMs: z
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  /** Blocks one `eth_getFilterChanges` or subscription step reads at most. */
  maxBlocksPerPoll: z.number().int().min(1).max(10_000).default(1000),
});

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema> & {
  /** A logger to use instead of one made from `logLevel` (programmatic use only). */
  logger?: Logger | undefined;
};

export type GatewayConfig = Required<Omit<z.output<typeof gatewayConfigSchema>, "logger">> & {
  logger?: Logger | undefined;
};

/**
 * Validates a configuration and fills its defaults.
 * @throws {GatewayConfigError} naming the first invalid field.
 */
export function parseGatewayConfig(input: GatewayConfigInput): GatewayConfig {
  const { logger, ...rest } = input;
  const parsed = gatewayConfigSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GatewayConfigError(
      `The gateway configuration is invalid: ${issue.path.join(".") || "(root)"}: ${issue.message}.`,
      {
        details: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      },
    );
  }
  const config = parsed.data;
  return {
    ...config,
    secretFile: config.secretFile ?? join(config.dataDir, "gateway.secret"),
    databaseFile: config.databaseFile ?? join(config.dataDir, "gateway.sqlite"),
    logger,
  };
}
