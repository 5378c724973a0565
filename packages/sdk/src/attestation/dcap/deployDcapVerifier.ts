import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { deployContract } from "../../deploy/deployContract.ts";
import {
  dcapAttestationVerifierAbi,
  dcapAttestationVerifierBytecode,
  dcapCertificateRegistryAbi,
  dcapCertificateRegistryBytecode,
  dcapCollateralRegistryAbi,
  dcapCollateralRegistryBytecode,
} from "../../generated/index.ts";
import { toHex } from "./bytes.ts";
import { INTEL_SGX_ROOT_CA_DER } from "./intelRootCa.ts";

export type DcapContractName = "DcapCertificateRegistry" | "DcapCollateralRegistry" | "DcapAttestationVerifier";

export interface DeployDcapVerifierParameters {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  /** The trust anchor (DER). Default: the Intel SGX Root CA. Anything else is for tests only. */
  rootCertificate?: Uint8Array;
  /** Called after each contract is deployed, for progress output. */
  onDeployed?: (event: { name: DcapContractName; address: Address; transactionHash: Hex; gasUsed: bigint }) => void;
}

export type DeployDcapVerifierReturnType = Record<DcapContractName, Address>;

/**
 * Deploys the DCAP verifier stack (certificate registry pinning the root, collateral registry,
 * verifier), each immutable, and returns their addresses. Governance then points
 * `EnclavePolicy` at the verifier; anyone keeps the registries' collateral current with
 * `submitDcapCollateral`.
 * @throws {DeploymentFailedError} when a deployment reverts.
 */
export async function deployDcapVerifier(
  parameters: DeployDcapVerifierParameters,
): Promise<DeployDcapVerifierReturnType> {
  const { walletClient, publicClient } = parameters;
  const deploy = async (
    name: DcapContractName,
    abi: Abi,
    bytecode: Hex,
    args: readonly unknown[],
  ): Promise<Address> => {
    const { event } = await deployContract(walletClient, publicClient, name, { abi, bytecode, args });
    parameters.onDeployed?.({ name, ...event });
    return event.address;
  };
  const root = parameters.rootCertificate ? toHex(parameters.rootCertificate) : INTEL_SGX_ROOT_CA_DER;
  const certificates = await deploy(
    "DcapCertificateRegistry",
    dcapCertificateRegistryAbi,
    dcapCertificateRegistryBytecode,
    [root],
  );
  const collateral = await deploy("DcapCollateralRegistry", dcapCollateralRegistryAbi, dcapCollateralRegistryBytecode, [
    certificates,
  ]);
  const verifier = await deploy(
    "DcapAttestationVerifier",
    dcapAttestationVerifierAbi,
    dcapAttestationVerifierBytecode,
    [collateral],
  );
  return {
    DcapCertificateRegistry: certificates,
    DcapCollateralRegistry: collateral,
    DcapAttestationVerifier: verifier,
  };
}
