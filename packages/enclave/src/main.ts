#!/usr/bin/env node
/**
 * The enclave process: `obscuro-enclave --config FILE`. The host starts it beside itself and
 * talks to it only through its Unix socket (src/rpc). In production this process is what runs
 * inside the TEE; here the TEE is simulated (dev attestation, dev sealing key file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { DevKeyFileSealingKey } from "./chain/sealing/sealingKey.ts";
import { createDevAttestation } from "./enclave/devAttestation.ts";
import { DevReportVerifier } from "./enclave/attestation.ts";
import { Enclave } from "./enclave/Enclave.ts";
import { EnclaveConfigSchema } from "./rpc/config.ts";
import { enclaveHandlers } from "./rpc/handlers.ts";
import { enclaveProtocol } from "./rpc/protocol.ts";
import { RpcServer } from "./rpc/server.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: "string" }, "exit-with-parent": { type: "boolean" } },
  });
  if (!values.config) {
    console.error("usage: obscuro-enclave --config FILE");
    process.exit(2);
  }
  const parsed = EnclaveConfigSchema.safeParse(JSON.parse(await readFile(values.config, "utf8")));
  if (!parsed.success) {
    console.error(
      `invalid enclave config ${values.config}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
    process.exit(2);
  }
  const config = parsed.data;
  const logger = pino({ level: config.logLevel, base: { process: "enclave" } });
  const enclave = await Enclave.open({
    directory: config.dataDir,
    sealing: new DevKeyFileSealingKey(join(config.dataDir, "dev-sealing.key")),
    attestation: createDevAttestation(),
    reportVerifier: new DevReportVerifier(config.attestation.vendor),
    settings: {
      l1ChainId: config.l1ChainId,
      contracts: config.contracts,
      trustedStart: config.trustedStart,
      ...(config.l2ChainId === undefined ? {} : { l2ChainId: config.l2ChainId }),
    },
    logger,
    ...(config.flushInterval === undefined ? {} : { flushInterval: config.flushInterval }),
  });
  const server = await RpcServer.listen({
    socketPath: config.socketPath ?? join(config.dataDir, "enclave.sock"),
    protocol: enclaveProtocol,
    handlers: enclaveHandlers(enclave),
    logger,
  });
  logger.info({ enclaveId: enclave.status().enclaveId }, "enclave ready");
  // the host waits for this line before connecting
  await writeFile(join(config.dataDir, "enclave.pid"), `${process.pid}\n`);
  process.stdout.write("ENCLAVE_READY\n");
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "enclave stopping");
    await server.close();
    await enclave.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  if (values["exit-with-parent"]) {
    // The host holds our stdin: when it dies, even by SIGKILL, the pipe closes and we stop too
    // (flushing the sealed state), so a restarted host never finds its enclave still running.
    process.stdin.on("end", () => void shutdown("host gone"));
    process.stdin.resume();
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

await main().catch((error: unknown) => {
  console.error(
    `enclave failed to start: ${(error as { shortMessage?: string; message?: string }).shortMessage ?? (error as Error).message}`,
  );
  process.exit(1);
});
