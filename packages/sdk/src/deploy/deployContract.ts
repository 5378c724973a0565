import {
  getAddress,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { DeploymentFailedError } from "./errors.ts";

export interface DeployedContract {
  receipt: TransactionReceipt;
  event: { address: Address; transactionHash: Hex; gasUsed: bigint };
}

/**
 * Sends one contract creation and waits for it: the step every deployment of the SDK is made of.
 * @throws {DeploymentFailedError} when the transaction cannot be sent, reverts, or creates no contract.
 */
export async function deployContract(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  publicClient: PublicClient,
  label: string,
  contract: { abi: Abi; bytecode: Hex; args: readonly unknown[] },
): Promise<DeployedContract> {
  let hash: Hex;
  try {
    hash = await walletClient.deployContract({
      ...contract,
      chain: walletClient.chain ?? null,
      account: walletClient.account,
    });
  } catch (cause) {
    throw new DeploymentFailedError(`Could not send the deployment of ${label}.`, {
      cause,
      details: (cause as Error).message,
    });
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new DeploymentFailedError(`The deployment of ${label} reverted.`, { details: `transaction ${hash}` });
  }
  return {
    receipt,
    event: { address: getAddress(receipt.contractAddress), transactionHash: hash, gasUsed: receipt.gasUsed },
  };
}
