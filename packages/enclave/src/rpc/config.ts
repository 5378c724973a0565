import { z } from "zod";
import { wire } from "./codec.ts";

/** The enclave's configuration file (JSON), written by the host. */
export const EnclaveConfigSchema = z.object({
  /** Where the sealed state lives. */
  dataDir: z.string().min(1),
  /** The Unix socket the host connects to. Default `<dataDir>/enclave.sock`. */
  socketPath: z.string().optional(),
  l1ChainId: z.number().int().positive(),
  contracts: z.object({
    networkManagement: wire.address,
    rollupManagement: wire.address,
    bridgeManagement: wire.address,
    rollupSlashing: wire.address,
  }),
  trustedStart: z.object({ number: wire.bigint, hash: wire.hash }),
  l2ChainId: wire.bigint.optional(),
  attestation: z.object({ kind: z.literal("dev"), vendor: wire.address }),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  flushInterval: z.number().int().positive().optional(),
});
export type EnclaveConfig = z.input<typeof EnclaveConfigSchema>;
