import {
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
} from "viem";

/**
 * One transaction of a deployment, decided before anything is sent: its nonce, what it sends, and
 * the contract it creates (predicted: CREATE from the deployer and the nonce, or CREATE2 for a
 * factory call).
 */
export interface DeploymentStep {
  /** What the step deploys or does: `ObscuroToken`, `EnclavePolicy`, `ObscuroToken.delegate`, … */
  name: string;
  /** For an upgradeable module: which of its two deployments this is. */
  role?: "implementation" | "proxy" | undefined;
  kind: "create" | "call";
  /** The deployer's nonce the step is sent with. */
  nonce: number;
  /** For a call: the contract called. */
  to?: Address | undefined;
  /** Creation code and constructor arguments, or calldata. */
  data: Hex;
  /** The contract the step creates, where it will be. */
  address?: Address | undefined;
}

/** Every step of a deployment, in order, from one deployer starting at one nonce. */
export interface DeploymentPlan {
  deployer: Address;
  steps: DeploymentStep[];
}

/** Looks up the address a step of the plan creates, by its name (and role, for a module): a forward reference. */
export type PlannedAddress = (name: string, role?: "implementation" | "proxy") => Address;

/** Constructor arguments, or a function of the plan's addresses for those that name later steps. */
export type PlannedArgs = readonly unknown[] | ((addressOf: PlannedAddress) => readonly unknown[]);

interface PendingStep extends Omit<DeploymentStep, "data"> {
  data: Hex | ((addressOf: PlannedAddress) => Hex);
}

/**
 * Builds a {@link DeploymentPlan}: each step takes the next nonce, so each creation's address is
 * known when it is added; a step whose arguments name a contract created later (a forward reference
 * between modules) gives them as a function of the plan's addresses, resolved once every step is
 * in ({@link DeploymentPlanner.plan}).
 */
export class DeploymentPlanner {
  readonly deployer: Address;
  readonly #steps: PendingStep[] = [];
  #nonce: number;

  constructor(deployer: Address, nonce: number) {
    this.deployer = deployer;
    this.#nonce = nonce;
  }

  /** Adds a contract creation; returns its address. */
  create<const abi extends Abi>(
    name: string,
    contract: { abi: abi; bytecode: Hex; args?: PlannedArgs },
    role?: "implementation" | "proxy",
  ): Address {
    const address = getContractAddress({ from: this.deployer, nonce: BigInt(this.#nonce) });
    const encode = (args: readonly unknown[]) =>
      encodeDeployData({ abi: contract.abi as Abi, bytecode: contract.bytecode, args } as never);
    const args = contract.args ?? [];
    this.#steps.push({
      name,
      role,
      kind: "create",
      nonce: this.#nonce++,
      data: typeof args === "function" ? (addressOf) => encode(args(addressOf)) : encode(args),
      address,
    });
    return address;
  }

  /** Adds a call; `creates` is the contract it deploys (a factory call), if any. */
  call<const abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    name: string,
    call: {
      to: Address;
      abi: abi;
      functionName: functionName;
      args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
    },
    creates?: Address,
  ): void {
    this.#steps.push({
      name,
      kind: "call",
      nonce: this.#nonce++,
      to: call.to,
      data: encodeFunctionData({
        abi: call.abi as Abi,
        functionName: call.functionName as string,
        args: call.args as readonly unknown[],
      }),
      address: creates,
    });
  }

  /**
   * The plan: every step with its nonce, its data (forward references resolved) and its address.
   * @throws {Error} when a forward reference names no step of the plan (a bug of the planning code).
   */
  plan(): DeploymentPlan {
    const addressOf: PlannedAddress = (name, role) => {
      const step = this.#steps.find((s) => s.name === name && s.role === role && s.address);
      if (!step?.address) throw new Error(`the deployment plan has no ${name}${role ? ` ${role}` : ""}`);
      return step.address;
    };
    return {
      deployer: this.deployer,
      steps: this.#steps.map((step) => ({
        ...step,
        data: typeof step.data === "function" ? step.data(addressOf) : step.data,
      })),
    };
  }
}
