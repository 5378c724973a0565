import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { getAddress, isAddress, type Address } from "viem";
import { BaseError } from "../errors/BaseError.ts";
import type { DeploymentManifest } from "./manifest.ts";

export class InvalidDeploymentManifestError extends BaseError {
  readonly code = "INVALID_DEPLOYMENT_MANIFEST";
}

export interface ReadDeploymentManifestParameters {
  directory: string;
  chainId: number;
}

/**
 * Reads and validates `deployments/<chainId>.json`.
 * @throws {InvalidDeploymentManifestError} when the file is missing or malformed.
 */
export async function readDeploymentManifest({
  directory,
  chainId,
}: ReadDeploymentManifestParameters): Promise<DeploymentManifest> {
  const path = join(directory, `${chainId}.json`);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw new InvalidDeploymentManifestError(`Cannot read the deployment manifest for chain ${chainId}.`, {
      details: path,
      cause,
    });
  }
  return parseDeploymentManifest(raw, path);
}

/** Validates a parsed manifest object. */
export function parseDeploymentManifest(raw: Record<string, unknown>, source = "manifest"): DeploymentManifest {
  const fail = (what: string): never => {
    throw new InvalidDeploymentManifestError(`The deployment manifest is malformed: ${what}.`, { details: source });
  };
  if (raw.version !== 1 && raw.version !== 2) fail(`unsupported version ${String(raw.version)}`);
  if (typeof raw.chainId !== "number") fail("chainId is not a number");
  const address = (value: unknown, what: string): Address =>
    typeof value === "string" && isAddress(value) ? getAddress(value) : fail(`${what} is not an address`);
  const bigint = (value: unknown, what: string): bigint =>
    typeof value === "string" && /^\d+$/.test(value) ? BigInt(value) : fail(`${what} is not a decimal integer`);
  const contracts = raw.contracts as Record<string, unknown> | undefined;
  const settings = raw.settings as Record<string, unknown> | undefined;
  if (!contracts || typeof contracts !== "object") fail("contracts is missing");
  if (!settings || typeof settings !== "object") fail("settings is missing");
  const implementations = (raw.implementations ?? {}) as Record<string, unknown>;
  if (typeof implementations !== "object") fail("implementations is not an object");
  const attestation = settings?.attestation as Record<string, unknown> | undefined;
  if (!attestation || typeof attestation !== "object") fail("settings.attestation is missing");
  // Version 1 knew only the dev verifier, under its own name.
  const kind = raw.version === 1 ? "dev" : attestation?.kind;
  if (kind !== "dev" && kind !== "dcap") fail(`settings.attestation.kind is ${String(kind)}, not dev or dcap`);
  const verifier = raw.version === 1 ? contracts?.DevAttestationVerifier : contracts?.AttestationVerifier;
  if (!Array.isArray(attestation?.auditors)) fail("settings.attestation.auditors is not a list");
  const network = settings?.network as Record<string, unknown> | undefined;
  if (!network || typeof network !== "object") fail("settings.network is missing");
  const rollup = settings?.rollup as Record<string, unknown> | undefined;
  if (!rollup || typeof rollup !== "object") fail("settings.rollup is missing");
  const slashing = settings?.slashing as Record<string, unknown> | undefined;
  if (!slashing || typeof slashing !== "object") fail("settings.slashing is missing");
  const dao = settings?.governanceDao as Record<string, unknown> | undefined;
  if (dao !== undefined && (dao === null || typeof dao !== "object")) fail("settings.governanceDao is not an object");
  const councilSafe = settings?.councilSafe as Record<string, unknown> | undefined;
  if (councilSafe !== undefined && (councilSafe === null || !Array.isArray(councilSafe.owners))) {
    fail("settings.councilSafe.owners is not a list");
  }
  const integer = (value: unknown, what: string): number =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : fail(`${what} is not an integer`);
  const threshold = attestation?.threshold;
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < 1) {
    fail("settings.attestation.threshold is not a positive integer");
  }
  const optional = (
    name: "ObscuroTimelock" | "ObscuroGovernor" | "DcapCertificateRegistry" | "DcapCollateralRegistry",
  ) => (contracts?.[name] === undefined ? {} : { [name]: address(contracts[name], `contracts.${name}`) });
  return {
    version: 2,
    chainId: raw.chainId as number,
    deployBlock: bigint(raw.deployBlock, "deployBlock"),
    commit: typeof raw.commit === "string" ? raw.commit : fail("commit is not a string"),
    deployer: address(raw.deployer, "deployer"),
    deployedAt: typeof raw.deployedAt === "string" ? raw.deployedAt : fail("deployedAt is not a string"),
    contracts: {
      ObscuroToken: address(contracts?.ObscuroToken, "contracts.ObscuroToken"),
      AttestationVerifier: address(verifier, "contracts.AttestationVerifier"),
      EnclavePolicy: address(contracts?.EnclavePolicy, "contracts.EnclavePolicy"),
      NetworkManagement: address(contracts?.NetworkManagement, "contracts.NetworkManagement"),
      BridgeManagement: address(contracts?.BridgeManagement, "contracts.BridgeManagement"),
      RollupSlashing: address(contracts?.RollupSlashing, "contracts.RollupSlashing"),
      RollupManagement: address(contracts?.RollupManagement, "contracts.RollupManagement"),
      ...optional("ObscuroTimelock"),
      ...optional("ObscuroGovernor"),
      ...optional("DcapCertificateRegistry"),
      ...optional("DcapCollateralRegistry"),
    },
    implementations: Object.fromEntries(
      Object.entries(implementations).map(([name, value]) => [name, address(value, `implementations.${name}`)]),
    ),
    settings: {
      treasury: address(settings?.treasury, "settings.treasury"),
      tokenSupply: bigint(settings?.tokenSupply, "settings.tokenSupply"),
      governance: address(settings?.governance, "settings.governance"),
      council: address(settings?.council, "settings.council"),
      ...(dao
        ? {
            governanceDao: {
              timelock: address(dao.timelock, "settings.governanceDao.timelock"),
              governor: address(dao.governor, "settings.governanceDao.governor"),
              votingDelay: integer(dao.votingDelay, "settings.governanceDao.votingDelay"),
              votingPeriod: integer(dao.votingPeriod, "settings.governanceDao.votingPeriod"),
              proposalThreshold: bigint(dao.proposalThreshold, "settings.governanceDao.proposalThreshold"),
              quorumNumerator: bigint(dao.quorumNumerator, "settings.governanceDao.quorumNumerator"),
              timelockDelay: integer(dao.timelockDelay, "settings.governanceDao.timelockDelay"),
            },
          }
        : {}),
      ...(councilSafe
        ? {
            councilSafe: {
              owners: (councilSafe.owners as unknown[]).map((a, i) => address(a, `settings.councilSafe.owners[${i}]`)),
              threshold: integer(councilSafe.threshold, "settings.councilSafe.threshold"),
            },
          }
        : {}),
      attestation: {
        ...(kind === "dev"
          ? { kind: "dev" as const, vendor: address(attestation?.vendor, "settings.attestation.vendor") }
          : { kind: "dcap" as const }),
        auditors: (attestation?.auditors as unknown[]).map((a, i) => address(a, `settings.attestation.auditors[${i}]`)),
        threshold: threshold as number,
      },
      network: {
        registrationFee: bigint(network?.registrationFee, "settings.network.registrationFee"),
        minStake: bigint(network?.minStake, "settings.network.minStake"),
        unbondingPeriod: integer(network?.unbondingPeriod, "settings.network.unbondingPeriod"),
        responseTimeout: integer(network?.responseTimeout, "settings.network.responseTimeout"),
        treasury: address(network?.treasury, "settings.network.treasury"),
      },
      rollup: {
        finalityDelay: integer(rollup?.finalityDelay, "settings.rollup.finalityDelay"),
        forkExpiry: integer(rollup?.forkExpiry, "settings.rollup.forkExpiry"),
        keyRotationPeriod: integer(rollup?.keyRotationPeriod, "settings.rollup.keyRotationPeriod"),
        disclosureDelay: integer(rollup?.disclosureDelay, "settings.rollup.disclosureDelay"),
      },
      slashing: {
        slashDepth: integer(slashing?.slashDepth, "settings.slashing.slashDepth"),
        reporterShareBps: integer(slashing?.reporterShareBps, "settings.slashing.reporterShareBps"),
        forkSlashAmount: bigint(slashing?.forkSlashAmount, "settings.slashing.forkSlashAmount"),
        invalidRollupQuorum: integer(slashing?.invalidRollupQuorum, "settings.slashing.invalidRollupQuorum"),
        invalidRollupRewardBps: integer(slashing?.invalidRollupRewardBps, "settings.slashing.invalidRollupRewardBps"),
      },
    },
  };
}
