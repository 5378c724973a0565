import {
  getAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { DeploymentFailedError } from "../../deploy/deployProtocol.ts";
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
    let hash: Hex;
    try {
      hash = await walletClient.deployContract({
        abi,
        bytecode,
        args,
        chain: walletClient.chain ?? null,
        account: walletClient.account,
      });
    } catch (cause) {
      throw new DeploymentFailedError(`Could not send the deployment of ${name}.`, {
        cause,
        details: (cause as Error).message,
      });
    }
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress) {
      throw new DeploymentFailedError(`The deployment of ${name} reverted.`, { details: `transaction ${hash}` });
    }
    const address = getAddress(receipt.contractAddress);
    parameters.onDeployed?.({ name, address, transactionHash: hash, gasUsed: receipt.gasUsed });
    return address;
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
