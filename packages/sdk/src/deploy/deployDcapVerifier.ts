import type { Account, Address, Chain, Client, Hex, Transport } from "viem";
import { toHex } from "../attestation/dcap/bytes.ts";
import { INTEL_SGX_ROOT_CA_DER } from "../attestation/dcap/intelRootCa.ts";
import {
  dcapAttestationVerifierAbi,
  dcapAttestationVerifierBytecode,
  dcapCertificateRegistryAbi,
  dcapCertificateRegistryBytecode,
  dcapCollateralRegistryAbi,
  dcapCollateralRegistryBytecode,
} from "../generated/index.ts";
import type { DeploymentPlanner } from "./plan.ts";
import { runPlan } from "./runPlan.ts";

export type DcapContractName = "DcapCertificateRegistry" | "DcapCollateralRegistry" | "DcapAttestationVerifier";

export type DeployDcapVerifierReturnType = Record<DcapContractName, Address>;

/**
 * Plans the DCAP verifier stack, each contract immutable: the certificate registry pinning the
 * root, the collateral registry over it, the verifier over that.
 */
export function planDcapVerifier(
  planner: DeploymentPlanner,
  { rootCertificate }: { rootCertificate?: Uint8Array | undefined },
): DeployDcapVerifierReturnType {
  const root = rootCertificate ? toHex(rootCertificate) : INTEL_SGX_ROOT_CA_DER;
  const certificates = planner.create("DcapCertificateRegistry", {
    abi: dcapCertificateRegistryAbi,
    bytecode: dcapCertificateRegistryBytecode,
    args: [root],
  });
  const collateral = planner.create("DcapCollateralRegistry", {
    abi: dcapCollateralRegistryAbi,
    bytecode: dcapCollateralRegistryBytecode,
    args: [certificates],
  });
  const verifier = planner.create("DcapAttestationVerifier", {
    abi: dcapAttestationVerifierAbi,
    bytecode: dcapAttestationVerifierBytecode,
    args: [collateral],
  });
  return {
    DcapCertificateRegistry: certificates,
    DcapCollateralRegistry: collateral,
    DcapAttestationVerifier: verifier,
  };
}

export interface DeployDcapVerifierParameters {
  /** The deployer; default: the client's account. */
  account?: Account | Address | undefined;
  /** The trust anchor (DER). Default: the Intel SGX Root CA. Anything else is for tests only. */
  rootCertificate?: Uint8Array | undefined;
  /** Called after each contract is deployed, for progress output. */
  onDeployed?:
    ((event: { name: DcapContractName; address: Address; transactionHash: Hex; gasUsed: bigint }) => void) | undefined;
}

/**
 * Deploys the DCAP verifier stack ({@link planDcapVerifier}) on its own, for a deployment whose
 * governance will point `EnclavePolicy` at it (`deployProtocol` with `attestation.kind: "dcap"`
 * deploys it as part of the protocol). Anyone keeps the registries' collateral current with
 * `submitDcapCollateral`.
 * @throws {DeploymentFailedError} when a deployment reverts.
 * @example
 * const { DcapAttestationVerifier } = await deployDcapVerifier(walletClient, {});
 */
export async function deployDcapVerifier(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeployDcapVerifierParameters = {},
): Promise<DeployDcapVerifierReturnType> {
  const { value } = await runPlan(
    client,
    parameters.account,
    (planner) => planDcapVerifier(planner, parameters),
    ({ step, transactionHash, gasUsed }) =>
      parameters.onDeployed?.({
        name: step.name as DcapContractName,
        address: step.address!,
        transactionHash,
        gasUsed,
      }),
  );
  return value;
}
