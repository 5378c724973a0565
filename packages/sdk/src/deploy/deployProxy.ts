import {
  encodeFunctionData,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { erc1967ProxyAbi, erc1967ProxyBytecode } from "../generated/index.ts";
import { deployContract } from "./deployContract.ts";

export interface DeployProxyParameters<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
> {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  /** The module's name, for errors and progress (`EnclavePolicy`). */
  name: string;
  /** The implementation (a `GovernedModule`): its ABI and creation bytecode. */
  abi: abi;
  bytecode: Hex;
  /** Constructor arguments of the implementation, if any (modules usually have none). */
  constructorArgs?: readonly unknown[];
  /** The initializer the proxy calls in its constructor, in the same transaction. */
  initialize: {
    functionName: functionName;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  };
  /** Called after each of the two deployments, for progress output. */
  onDeployed?: (event: {
    role: "implementation" | "proxy";
    address: Address;
    transactionHash: Hex;
    gasUsed: bigint;
  }) => void;
}

export interface DeployProxyReturnType {
  /** The address everyone uses: the `ERC1967Proxy`. */
  proxy: Address;
  implementation: Address;
  /** The proxy's receipt (its block is where the module's state begins). */
  receipt: TransactionReceipt;
}

/**
 * Deploys an upgradeable module the way every Obscuro module is deployed: the implementation
 * (whose constructor disables initializers), then an `ERC1967Proxy` that points at it and calls
 * its initializer in the same transaction, so that nobody can initialize it in between.
 * @throws {DeploymentFailedError} when a transaction cannot be sent, reverts, or creates no contract.
 */
export async function deployProxy<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(parameters: DeployProxyParameters<abi, functionName>): Promise<DeployProxyReturnType> {
  const { walletClient, publicClient, name } = parameters;
  const data = encodeFunctionData({
    abi: parameters.abi as Abi,
    functionName: parameters.initialize.functionName as string,
    args: parameters.initialize.args as readonly unknown[],
  });

  const implementation = await deployContract(walletClient, publicClient, `${name} implementation`, {
    abi: parameters.abi as Abi,
    bytecode: parameters.bytecode,
    args: parameters.constructorArgs ?? [],
  });
  parameters.onDeployed?.({ role: "implementation", ...implementation.event });

  const proxy = await deployContract(walletClient, publicClient, `${name} proxy`, {
    abi: erc1967ProxyAbi,
    bytecode: erc1967ProxyBytecode,
    args: [implementation.event.address, data],
  });
  parameters.onDeployed?.({ role: "proxy", ...proxy.event });

  return { proxy: proxy.event.address, implementation: implementation.event.address, receipt: proxy.receipt };
}
