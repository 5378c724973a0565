import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  deployProtocol,
  pemCertificates,
  serializeManifest,
  type AttestationSetup,
  type DeployProtocolParameters,
} from "@obscuro/sdk";
import type { Command } from "commander";
import { createWalletClient, formatEther, type Address, type Chain } from "viem";
import { getBalance } from "viem/actions";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { currentCommit } from "../../util/git.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connectRpc, type NetworkOptions } from "../../util/network.ts";
import { bold, dim } from "../../util/output.ts";
import { probeL1Features } from "./features.ts";

export interface DeployOptions extends KeyOptions, Omit<NetworkOptions, "manifest"> {
  attestation?: "dev" | "dcap";
  vendor?: Address;
  auditors?: Address[];
  threshold?: number;
  rootCertificate?: string;
  council?: Address;
  councilOwners?: Address[];
  councilThreshold?: number;
  governance?: Address;
  treasury?: Address;
  settings?: string;
  out?: string;
  force: boolean;
}

/** `obscuro deploy`: checks the L1, deploys every contract, writes the manifest. */
export async function runDeploy(options: DeployOptions, _command: Command): Promise<void> {
  const setup = await attestationSetup(options);
  const council = councilSetting(options);
  const extra = options.settings ? await readSettings(options.settings) : {};
  const { rpcUrl, transport, chainId } = await connectRpc(options);

  progress(`checking that the L1 at ${rpcUrl} (chain ${chainId}) has Prague's features`);
  const chain: Chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
  const account = await loadAccount(options, "the deployer");
  const client = createWalletClient({ account, chain, transport, pollingInterval: 500 });
  const features = await probeL1Features(client);
  if (!features.blobs || !features.prague) {
    throw new CliError(
      "L1_NOT_PRAGUE",
      `The L1 at ${rpcUrl} is not at Prague: it lacks ${features.blobs ? "" : "EIP-4844 blobs and "}the BLS12-381 precompiles of EIP-2537, and Obscuro needs an L1 at Prague or later.`,
      { details: "nothing was deployed" },
    );
  }
  if (setup.kind === "dcap" && !features.p256) {
    progress(
      "note: no P-256 precompile (Osaka): the DCAP verifier checks P-256 signatures in Solidity (~351k gas each)",
    );
  }

  const out = resolve(options.out ?? join("deployments", `${chainId}.json`));
  if (existsSync(out) && !options.force) {
    throw usageError("MANIFEST_EXISTS", `${out} exists already: pass --force to overwrite it, or choose --out.`, {
      details: "a manifest names a live deployment; overwriting it loses where that one is",
    });
  }
  const balance = await getBalance(client, { address: account.address });
  if (balance === 0n) {
    throw new CliError("INSUFFICIENT_FUNDS", `The deployer ${account.address} has no ETH on chain ${chainId}.`);
  }

  progress(
    `deploying from ${account.address} (${formatEther(balance)} ETH): each step is simulated, sent and waited for (up to 180 s)`,
  );
  const manifest = await deployProtocol(client, {
    ...extra,
    attestation: setup,
    ...council,
    ...(options.governance ? { governance: options.governance } : {}),
    ...(options.treasury ? { treasury: options.treasury } : {}),
    commit: await currentCommit(),
    onDeployed: ({ name, role, address, gasUsed }) =>
      progress(`${role === "implementation" ? `${name} (implementation)` : name} ${address ?? ""} (${gasUsed} gas)`),
  });
  await mkdir(dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, serializeManifest(manifest));
  await rename(temporary, out);

  if (options.json) {
    printJson({ manifestPath: out, manifest });
    return;
  }
  const { contracts, settings } = manifest;
  print(
    `${bold("Deployed")} Obscuro on chain ${chainId} at block ${manifest.deployBlock}; manifest written to ${out}`,
    "",
    ...Object.entries(contracts).map(([name, address]) => `  ${name.padEnd(24)} ${address}`),
    "",
    `  attestation  ${settings.attestation.kind}, ${settings.attestation.threshold} of ${settings.attestation.auditors.length} auditors approve a measurement`,
    `  governance   ${settings.governance}${settings.governanceDao ? dim(" (Timelock driven by the Governor)") : ""}`,
    `  council      ${settings.council}${settings.councilSafe ? dim(` (Safe, ${settings.councilSafe.threshold} of ${settings.councilSafe.owners.length} owners)`) : ""}`,
    "",
    dim(`Use it with --manifest ${out} --rpc ${rpcUrl} (or OBSCURO_MANIFEST and OBSCURO_RPC).`),
  );
}

async function attestationSetup(options: DeployOptions): Promise<AttestationSetup> {
  if (!options.attestation) {
    throw usageError(
      "ATTESTATION_REQUIRED",
      "Choose how nodes attest: --attestation dev (a simulated TEE vendor) or --attestation dcap (Intel SGX/TDX).",
    );
  }
  if (!options.auditors || options.threshold === undefined) {
    throw usageError(
      "AUDITORS_REQUIRED",
      "Name the auditors who approve enclave measurements: --auditors A,B,C and --threshold K.",
    );
  }
  const auditors = { auditors: options.auditors, threshold: options.threshold };
  if (options.attestation === "dev") {
    if (!options.vendor) {
      throw usageError("VENDOR_REQUIRED", "Dev attestation needs the simulated vendor's address: pass --vendor.");
    }
    if (options.rootCertificate) {
      throw usageError("ATTESTATION_OPTIONS", "--root-certificate goes with --attestation dcap.");
    }
    return { kind: "dev", vendor: options.vendor, ...auditors };
  }
  if (options.vendor) throw usageError("ATTESTATION_OPTIONS", "--vendor goes with --attestation dev.");
  let rootCertificate: Uint8Array | undefined;
  if (options.rootCertificate) {
    let text: string;
    try {
      text = await readFile(options.rootCertificate, "latin1");
    } catch (cause) {
      throw usageError("ATTESTATION_OPTIONS", `Cannot read the root certificate ${options.rootCertificate}.`, {
        cause,
      });
    }
    rootCertificate = text.includes("-----BEGIN")
      ? pemCertificates(text)[0]
      : new Uint8Array(Buffer.from(text, "latin1"));
  }
  return { kind: "dcap", ...auditors, ...(rootCertificate ? { rootCertificate } : {}) };
}

function councilSetting(options: DeployOptions): Pick<DeployProtocolParameters, "council" | "councilSettings"> {
  if (options.council && options.councilOwners) {
    throw usageError("COUNCIL_OPTIONS", "Give either --council (an existing address) or --council-owners, not both.");
  }
  if (options.council) return { council: options.council };
  if (options.councilOwners) {
    if (options.councilThreshold === undefined) {
      throw usageError("COUNCIL_OPTIONS", "A council Safe needs its threshold: pass --council-threshold K.");
    }
    return { councilSettings: { owners: options.councilOwners, threshold: options.councilThreshold } };
  }
  throw usageError(
    "COUNCIL_REQUIRED",
    "Name the security council: --council ADDRESS, or --council-owners A,B,C with --council-threshold K to create a Safe.",
  );
}

/** The settings a `--settings` file may hold, and which of their fields are token or ETH amounts. */
const SETTINGS = {
  network: {
    registrationFee: "bigint",
    minStake: "bigint",
    unbondingPeriod: "number",
    responseTimeout: "number",
    treasury: "string",
  },
  rollup: { finalityDelay: "number", forkExpiry: "number", keyRotationPeriod: "number", disclosureDelay: "number" },
  slashing: {
    slashDepth: "number",
    reporterShareBps: "number",
    forkSlashAmount: "bigint",
    invalidRollupQuorum: "number",
    invalidRollupRewardBps: "number",
  },
  governanceSettings: {
    votingDelay: "number",
    votingPeriod: "number",
    proposalThreshold: "bigint",
    quorumNumerator: "bigint",
    timelockDelay: "number",
  },
} as const;

/**
 * Reads a `--settings` JSON file: the modules' parameters (`network`, `rollup`, `slashing`,
 * `governanceSettings`) and `tokenSupply`; amounts in wei as decimal strings. Unknown keys are
 * refused: a misspelt parameter would silently keep its default.
 */
async function readSettings(path: string): Promise<Partial<DeployProtocolParameters>> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw usageError("SETTINGS", `Cannot read the settings file ${path}.`, {
      cause,
      details: (cause as Error).message,
    });
  }
  const fail = (what: string): never => {
    throw usageError("SETTINGS", `The settings file ${path} is wrong: ${what}.`);
  };
  const result: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(raw)) {
    if (section === "tokenSupply") {
      if (typeof value !== "string" || !/^\d+$/.test(value)) fail("tokenSupply is not a decimal string of wei");
      result.tokenSupply = BigInt(value as string);
      continue;
    }
    const fields = SETTINGS[section as keyof typeof SETTINGS] as Record<string, string> | undefined;
    if (!fields) fail(`unknown section ${section} (known: ${[...Object.keys(SETTINGS), "tokenSupply"].join(", ")})`);
    if (typeof value !== "object" || value === null) fail(`${section} is not an object`);
    const converted: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const kind = fields![key];
      if (!kind) fail(`unknown parameter ${section}.${key} (known: ${Object.keys(fields!).join(", ")})`);
      if (kind === "bigint") {
        if (typeof field !== "string" || !/^\d+$/.test(field)) fail(`${section}.${key} is not a decimal string`);
        converted[key] = BigInt(field as string);
      } else if (kind === "number") {
        if (typeof field !== "number" || !Number.isSafeInteger(field) || field < 0) {
          fail(`${section}.${key} is not a non-negative integer`);
        }
        converted[key] = field;
      } else {
        if (typeof field !== "string") fail(`${section}.${key} is not a string`);
        converted[key] = field;
      }
    }
    result[section] = converted;
  }
  return result as Partial<DeployProtocolParameters>;
}
