import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnclaveConfig } from "@obscuro/enclave/rpc";
import { BaseError, parseDeploymentManifest, type DeploymentManifest } from "@obscuro/sdk";
import { pino, type Logger } from "pino";
import { createPublicClient, http, type Hex } from "viem";
import type { NodeConfig } from "../config.ts";
import { EnclaveProcess } from "./EnclaveProcess.ts";

/** The node's enclave cannot be opened on its own: the node runs, or a file is missing. */
export class NodeEnclaveError extends BaseError {
  readonly code: "NODE_RUNNING" | "NODE_ENCLAVE";

  constructor(
    code: "NODE_RUNNING" | "NODE_ENCLAVE",
    message: string,
    parameters: ConstructorParameters<typeof BaseError>[1] = {},
  ) {
    super(message, parameters);
    this.code = code;
  }
}

/** The enclave's configuration for a node: its sealed state under `<dataDir>/enclave`, the protocol's addresses. */
export function nodeEnclaveConfig(
  config: NodeConfig,
  manifest: DeploymentManifest,
  trustedStart: { number: bigint; hash: Hex },
  vendor: Hex,
): EnclaveConfig {
  return {
    dataDir: join(config.dataDir, "enclave"),
    l1ChainId: manifest.chainId,
    contracts: {
      networkManagement: manifest.contracts.NetworkManagement,
      rollupManagement: manifest.contracts.RollupManagement,
      bridgeManagement: manifest.contracts.BridgeManagement,
      rollupSlashing: manifest.contracts.RollupSlashing,
    },
    trustedStart,
    attestation: { kind: "dev", vendor },
    logLevel: config.logLevel,
  };
}

/** The dev attestation vendor a node's enclave signs reports with: its configuration's, else the manifest's. */
export function nodeAttestationVendor(config: NodeConfig, manifest: DeploymentManifest): Hex | undefined {
  if (config.attestation.vendor) return config.attestation.vendor as Hex;
  const attestation = manifest.settings.attestation as { kind?: string; vendor?: Hex } | undefined;
  return attestation?.kind === "dev" ? attestation.vendor : undefined;
}

/** Whether the enclave of the node at `dataDir` runs (its process holds the sealed state). */
export function isNodeEnclaveRunning(dataDir: string): boolean {
  const enclaveDir = join(dataDir, "enclave");
  let pid: number;
  try {
    pid = Number(readFileSync(join(enclaveDir, "enclave.pid"), "utf8").trim());
  } catch {
    return false;
  }
  try {
    // The pid may have been reused: only a process running this data directory's enclave counts.
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(join(enclaveDir, "enclave.json"));
  } catch {
    return false;
  }
}

/** A node's enclave opened alone, without the host's duties. */
export interface NodeEnclave {
  enclave: EnclaveProcess;
  enclaveId: Hex;
  manifest: DeploymentManifest;
}

/**
 * Runs `use` with the node's own enclave (the same sealed key the node registers with), started
 * alone, and stops it afterwards: for the operator's commands that need a fresh attestation
 * report while the node is stopped (`obscuro register`, `obscuro reattest`).
 * @throws {NodeEnclaveError} `NODE_RUNNING` while the node runs (its enclave holds the state),
 *   `NODE_ENCLAVE` when the manifest or the vendor is missing or the enclave does not start.
 */
export async function withNodeEnclave<T>(
  config: NodeConfig,
  use: (opened: NodeEnclave) => Promise<T>,
  logger: Logger = pino({ level: "silent" }),
): Promise<T> {
  if (isNodeEnclaveRunning(config.dataDir)) {
    throw new NodeEnclaveError("NODE_RUNNING", `The node at ${config.dataDir} is running.`, {
      details: "a running node registers itself when it starts and re-attests before its key expires",
    });
  }
  let manifest: DeploymentManifest;
  try {
    manifest = parseDeploymentManifest(
      JSON.parse(await readFile(config.manifest, "utf8")) as Record<string, unknown>,
      config.manifest,
    );
  } catch (cause) {
    throw new NodeEnclaveError("NODE_ENCLAVE", `Cannot read the deployment manifest ${config.manifest}.`, { cause });
  }
  const vendor = nodeAttestationVendor(config, manifest);
  if (!vendor) {
    throw new NodeEnclaveError(
      "NODE_ENCLAVE",
      "The manifest names no dev attestation vendor; set attestation.vendor in the node's configuration.",
    );
  }
  const client = createPublicClient({ transport: http(config.l1.rpcUrl, { retryCount: 1, timeout: 20_000 }) });
  const trustedStart = await client.getBlock({ blockNumber: manifest.deployBlock });
  let enclave: EnclaveProcess;
  try {
    enclave = await EnclaveProcess.start({
      logger,
      config: nodeEnclaveConfig(config, manifest, { number: trustedStart.number, hash: trustedStart.hash }, vendor),
    });
  } catch (cause) {
    throw new NodeEnclaveError("NODE_ENCLAVE", "The node's enclave did not start.", { cause });
  }
  try {
    const { enclaveId } = await enclave.client.call("getStatus", {});
    return await use({ enclave, enclaveId, manifest });
  } finally {
    await enclave.stop();
  }
}
