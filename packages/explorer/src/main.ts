#!/usr/bin/env node
/*
 * obscuro-explorer: the explorer on its own (the CLI's `obscuro explorer` does the same).
 *   obscuro-explorer --manifest deployments/31337.json [--l1-rpc URL] [--node-status URL]... [--port 4000] [--host 127.0.0.1]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseDeploymentManifest } from "@obscuro/sdk";
import { startExplorer } from "./startExplorer.ts";

const { values } = parseArgs({
  options: {
    manifest: { type: "string" },
    "l1-rpc": { type: "string", default: process.env.OBSCURO_L1_RPC ?? "http://127.0.0.1:8545" },
    "node-status": { type: "string", multiple: true, default: [] },
    port: { type: "string", default: "4000" },
    host: { type: "string", default: "127.0.0.1" },
    "log-level": { type: "string", default: "info" },
  },
});
const manifestFile = values.manifest ?? process.env.OBSCURO_MANIFEST;
if (!manifestFile) {
  console.error("obscuro-explorer: --manifest <file> is required (or OBSCURO_MANIFEST).");
  process.exit(2);
}
const logger = pino(
  { level: values["log-level"], base: { service: "explorer" } },
  pino.destination({ fd: 2, sync: true }),
);
const manifest = parseDeploymentManifest(JSON.parse(await readFile(manifestFile, "utf8")) as Record<string, unknown>);
const explorer = await startExplorer({
  l1RpcUrl: values["l1-rpc"],
  manifest,
  nodeStatusUrls: values["node-status"],
  host: values.host,
  port: Number(values.port),
  logger,
});
console.log(`Explorer at ${explorer.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void explorer.close().then(() => process.exit(0)));
}
