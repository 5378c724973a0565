import {
  keccak256,
  toHex,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type LocalAccount,
  type Transport,
} from "viem";
import { privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { getBlock } from "viem/actions";
import { computeReportData } from "../attestation/computeReportData.ts";
import {
  deployProtocol,
  type DeployProtocolParameters,
  type DeployProtocolReturnType,
} from "../deploy/deployProtocol.ts";
import type { AttestationSetup } from "../deploy/settings.ts";
import type { CouncilSafeSettings } from "../deploy/deployCouncilSafe.ts";
import { buildDevReport, type BuildDevReportParameters } from "./buildDevReport.ts";
import {
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  DEV_COUNCIL_PRIVATE_KEYS,
  DEV_COUNCIL_THRESHOLD,
} from "./devKeys.ts";

/*
 * DEV ONLY: what a devnet or a test trusts, from the public dev keys (devKeys.ts).
 */

/** The enclave measurement (MRENCLAVE) of the dev enclave: `keccak256("obscuro/dev/enclave")`. DEV ONLY. */
export const DEV_ENCLAVE_MEASUREMENT: Hex = keccak256(toHex("obscuro/dev/enclave"));

/** The signer measurement (MRSIGNER) of the dev enclave: `keccak256("obscuro/dev/enclave-signer")`. DEV ONLY. */
export const DEV_ENCLAVE_SIGNER: Hex = keccak256(toHex("obscuro/dev/enclave-signer"));

/**
 * DEV ONLY. The attestation setup of a devnet: the `DevAttestationVerifier` of the dev vendor, the
 * three dev auditors, two of whom approve. Anyone can compute these keys: a network deployed with
 * it has no attestation security at all.
 */
export function devAttestationSetup(
  overrides: Partial<Extract<AttestationSetup, { kind: "dev" }>> = {},
): AttestationSetup {
  return {
    kind: "dev",
    vendor: privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY),
    auditors: DEV_AUDITOR_PRIVATE_KEYS.map((key) => privateKeyToAddress(key)),
    threshold: DEV_AUDITOR_THRESHOLD,
    ...overrides,
  };
}

/** DEV ONLY. The council Safe of a devnet: the three dev council owners, two of whom sign. */
export function devCouncilSettings(): CouncilSafeSettings {
  return { owners: DEV_COUNCIL_PRIVATE_KEYS.map((key) => privateKeyToAddress(key)), threshold: DEV_COUNCIL_THRESHOLD };
}

/** DEV ONLY. The dev auditors as accounts (the first `count`, default the dev threshold), to sign measurement statements. */
export function devAuditors(count: number = DEV_AUDITOR_THRESHOLD): LocalAccount[] {
  return DEV_AUDITOR_PRIVATE_KEYS.slice(0, count).map((key) => privateKeyToAccount(key));
}

/** DEV ONLY. The dev council owners as accounts (the first `count`, default the dev threshold), to sign council actions. */
export function devCouncilSigners(count: number = DEV_COUNCIL_THRESHOLD): LocalAccount[] {
  return DEV_COUNCIL_PRIVATE_KEYS.slice(0, count).map((key) => privateKeyToAccount(key));
}

/**
 * DEV ONLY. `deployProtocol` with the devnet's trust: the dev attestation setup and a council Safe
 * of the dev owners, unless the parameters say otherwise (a test often makes the deployer the
 * council and governance: `council: deployer, governance: deployer`).
 * @example
 * const manifest = await deployDevProtocol(walletClient, { governance: account.address, council: account.address });
 */
export async function deployDevProtocol(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: Partial<DeployProtocolParameters> = {},
): Promise<DeployProtocolReturnType> {
  return deployProtocol(client, {
    ...parameters,
    attestation: parameters.attestation ?? devAttestationSetup(),
    ...(parameters.council ? {} : { councilSettings: parameters.councilSettings ?? devCouncilSettings() }),
  });
}

export type BuildDevRegistrationParameters = Omit<BuildDevReportParameters, "reportData" | "mrEnclave" | "mrSigner"> & {
  /** The operator that will register the node (the report binds it). */
  operator: Address;
  /** Default {@link DEV_ENCLAVE_MEASUREMENT}. */
  mrEnclave?: Hex | undefined;
  /** Default {@link DEV_ENCLAVE_SIGNER}. */
  mrSigner?: Hex | undefined;
};

export interface BuildDevRegistrationReturnType {
  report: Hex;
  /** The L1 block the report binds: pass it to `registerNode` or `reattest`. */
  l1BlockNumber: bigint;
  /** The binding the report carries (`computeReportData`). */
  commitment: Hex;
}

/**
 * DEV ONLY. A dev report for an enclave key, bound to its operator and the latest L1 block, signed
 * by the dev vendor (unless told otherwise): what `registerNode` and `reattest` take on a devnet.
 * @example
 * const { report, l1BlockNumber } = await buildDevRegistration(publicClient, { enclavePublicKey, operator });
 * await registerNode(operatorClient, { report, l1BlockNumber });
 */
export async function buildDevRegistration(
  client: Client,
  parameters: BuildDevRegistrationParameters,
): Promise<BuildDevRegistrationReturnType> {
  const { operator, mrEnclave, mrSigner, ...fields } = parameters;
  const block = await getBlock(client);
  const { commitment, reportData } = computeReportData({
    enclavePublicKey: fields.enclavePublicKey,
    operator,
    l1BlockNumber: block.number,
    l1BlockHash: block.hash,
  });
  const report = await buildDevReport({
    ...fields,
    mrEnclave: mrEnclave ?? DEV_ENCLAVE_MEASUREMENT,
    mrSigner: mrSigner ?? DEV_ENCLAVE_SIGNER,
    reportData,
  });
  return { report, l1BlockNumber: block.number, commitment };
}
