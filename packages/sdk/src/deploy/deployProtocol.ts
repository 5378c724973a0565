import {
  getAddress,
  parseEther,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { BaseError } from "../errors/BaseError.ts";
import { obscuroTokenAbi, obscuroTokenBytecode } from "../generated/index.ts";
import type { DeploymentManifest, ProtocolContractName } from "./manifest.ts";

/** The default fixed supply of the Obscuro token: one billion tokens. */
export const DEFAULT_TOKEN_SUPPLY = parseEther("1000000000");

export interface DeployProtocolParameters {
  /** Signs and sends the deployment transactions. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  /** Reads receipts and blocks. */
  publicClient: PublicClient;
  /** Receives the whole token supply. Default: the deployer. */
  treasury?: Address;
  /** Token supply in wei. Default: {@link DEFAULT_TOKEN_SUPPLY}. */
  tokenSupply?: bigint;
  /** The git commit recorded in the manifest. Default `unknown`. */
  commit?: string;
  /** Called after each contract is deployed, for progress output. */
  onDeployed?: (event: { name: ProtocolContractName; address: Address; transactionHash: Hex; gasUsed: bigint }) => void;
}

export type DeployProtocolReturnType = DeploymentManifest;

export class DeploymentFailedError extends BaseError {
  readonly code = "DEPLOYMENT_FAILED";
}

/**
 * Deploys every protocol contract to the chain behind `walletClient`, in dependency order,
 * waiting for each receipt, and returns the deployment manifest (not yet written to disk; see
 * `writeDeploymentManifest`).
 * @throws {DeploymentFailedError} when a deployment transaction reverts or yields no contract.
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<DeployProtocolReturnType> {
  const { walletClient, publicClient } = parameters;
  const deployer = walletClient.account.address;
  const treasury = getAddress(parameters.treasury ?? deployer);
  const tokenSupply = parameters.tokenSupply ?? DEFAULT_TOKEN_SUPPLY;
  const chainId = await publicClient.getChainId();

  const deploy = async (name: ProtocolContractName, abi: Abi, bytecode: Hex, args: readonly unknown[]) => {
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
    parameters.onDeployed?.({
      name,
      address: getAddress(receipt.contractAddress),
      transactionHash: hash,
      gasUsed: receipt.gasUsed,
    });
    return receipt;
  };

  const token = await deploy("ObscuroToken", obscuroTokenAbi, obscuroTokenBytecode, [treasury, tokenSupply]);

  const block = await publicClient.getBlock({ blockNumber: token.blockNumber });
  return {
    version: 1,
    chainId,
    deployBlock: token.blockNumber,
    commit: parameters.commit ?? "unknown",
    deployer,
    deployedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
    contracts: { ObscuroToken: getAddress(token.contractAddress as Address) },
    settings: { treasury, tokenSupply },
  };
}
