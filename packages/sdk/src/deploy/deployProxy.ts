import {
  encodeFunctionData,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { erc1967ProxyAbi, erc1967ProxyBytecode } from "../generated/index.ts";
import type { OnDeploymentStep } from "./executeDeploymentPlan.ts";
import type { DeploymentPlanner, PlannedArgs } from "./plan.ts";
import { runPlan } from "./runPlan.ts";

/** An upgradeable module: its implementation's code, and the initializer its proxy calls. */
export interface ProxyDeployment<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<
    abi,
    "nonpayable" | "payable"
  >,
> {
  /** The module's name, for errors and progress (`EnclavePolicy`). */
  name: string;
  /** The implementation (a `GovernedModule`): its ABI and creation bytecode. */
  abi: abi;
  bytecode: Hex;
  /**
   * Constructor arguments of the implementation, if any; a function of the plan's addresses when
   * they name a contract created later in the plan.
   */
  constructorArgs?: PlannedArgs;
  /** The initializer the proxy calls in its constructor, in the same transaction. */
  initialize: {
    functionName: functionName;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  };
}

/**
 * Plans an upgradeable module the way every Obscuro module is deployed: the implementation (whose
 * constructor disables initializers), then an `ERC1967Proxy` that points at it and calls its
 * initializer in the same transaction, so that nobody can initialize it in between.
 */
export function planProxy<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(planner: DeploymentPlanner, module: ProxyDeployment<abi, functionName>): { proxy: Address; implementation: Address } {
  const implementation = planner.create(
    module.name,
    { abi: module.abi, bytecode: module.bytecode, args: module.constructorArgs ?? [] },
    "implementation",
  );
  const data = encodeFunctionData({
    abi: module.abi as Abi,
    functionName: module.initialize.functionName as string,
    args: module.initialize.args as readonly unknown[],
  });
  const proxy = planner.create(
    module.name,
    { abi: erc1967ProxyAbi, bytecode: erc1967ProxyBytecode, args: [implementation, data] },
    "proxy",
  );
  return { proxy, implementation };
}

export type DeployProxyParameters<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<
    abi,
    "nonpayable" | "payable"
  >,
> = ProxyDeployment<abi, functionName> & {
  /** The deployer; default: the client's account. */
  account?: Account | Address | undefined;
  /** Called after each of the two deployments, for progress output. */
  onDeployed?:
    | ((event: { role: "implementation" | "proxy"; address: Address; transactionHash: Hex; gasUsed: bigint }) => void)
    | undefined;
};

export interface DeployProxyReturnType {
  /** The address everyone uses: the `ERC1967Proxy`. */
  proxy: Address;
  implementation: Address;
  /** The proxy's receipt (its block is where the module's state begins). */
  receipt: TransactionReceipt;
}

/**
 * Deploys one upgradeable module ({@link planProxy}): implementation, then proxy, each waited for.
 * @throws {ContractCallRevertedError} when a constructor or the initializer would revert.
 * @throws {DeploymentFailedError} when a transaction cannot be sent or reverts.
 * @throws {DeploymentPlanMismatchError} when another transaction of the deployer got in between.
 * @example
 * const { proxy } = await deployProxy(walletClient, { name: "EnclavePolicy", abi, bytecode, initialize });
 */
export async function deployProxy<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeployProxyParameters<abi, functionName>,
): Promise<DeployProxyReturnType> {
  const onStep: OnDeploymentStep = ({ step, transactionHash, gasUsed }) =>
    parameters.onDeployed?.({ role: step.role!, address: step.address!, transactionHash, gasUsed });
  const { value, results } = await runPlan(
    client,
    parameters.account,
    (planner) => planProxy(planner, parameters),
    onStep,
  );
  return { ...value, receipt: results[results.length - 1]!.receipt };
}
