import { zeroAddress, type Account, type Address, type Chain, type Client, type Hex, type Transport } from "viem";
import {
  obscuroGovernorAbi,
  obscuroGovernorBytecode,
  obscuroTimelockAbi,
  obscuroTimelockBytecode,
} from "../generated/index.ts";
import type { DeploymentPlanner } from "./plan.ts";
import { runPlan } from "./runPlan.ts";
import { DEFAULT_GOVERNANCE_SETTINGS, type GovernanceDeploySettings } from "./settings.ts";

/**
 * Plans token-holder governance: `ObscuroTimelock` (no admin but itself, the Governor, whose
 * address the plan knows, as its only proposer and canceller, anyone as executor) and
 * `ObscuroGovernor` over `token`.
 */
export function planGovernance(
  planner: DeploymentPlanner,
  { token, settings }: { token: Address; settings: Required<GovernanceDeploySettings> },
): { timelock: Address; governor: Address } {
  const timelock = planner.create("ObscuroTimelock", {
    abi: obscuroTimelockAbi,
    bytecode: obscuroTimelockBytecode,
    args: (addressOf) => [BigInt(settings.timelockDelay), [addressOf("ObscuroGovernor")], [zeroAddress]],
  });
  const governor = planner.create("ObscuroGovernor", {
    abi: obscuroGovernorAbi,
    bytecode: obscuroGovernorBytecode,
    args: [
      token,
      timelock,
      settings.votingDelay,
      settings.votingPeriod,
      settings.proposalThreshold,
      settings.quorumNumerator,
    ],
  });
  return { timelock, governor };
}

export interface DeployGovernanceParameters {
  /** The deployer; default: the client's account. */
  account?: Account | Address | undefined;
  /** The ObscuroToken whose holders vote. */
  token: Address;
  settings?: GovernanceDeploySettings | undefined;
  onDeployed?:
    | ((event: {
        name: "ObscuroTimelock" | "ObscuroGovernor";
        address: Address;
        transactionHash: Hex;
        gasUsed: bigint;
      }) => void)
    | undefined;
}

export interface DeployGovernanceReturnType {
  timelock: Address;
  governor: Address;
  settings: Required<GovernanceDeploySettings>;
}

/**
 * Deploys token-holder governance ({@link planGovernance}). The Timelock is what every module takes
 * as its `governance`.
 * @throws {DeploymentFailedError}
 * @throws {DeploymentPlanMismatchError} when another transaction of the deployer got in between.
 * @example
 * const { timelock, governor } = await deployGovernance(walletClient, { token });
 */
export async function deployGovernance(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeployGovernanceParameters,
): Promise<DeployGovernanceReturnType> {
  const settings = { ...DEFAULT_GOVERNANCE_SETTINGS, ...parameters.settings };
  const { value } = await runPlan(
    client,
    parameters.account,
    (planner) => planGovernance(planner, { token: parameters.token, settings }),
    ({ step, transactionHash, gasUsed }) =>
      parameters.onDeployed?.({
        name: step.name as "ObscuroTimelock" | "ObscuroGovernor",
        address: step.address!,
        transactionHash,
        gasUsed,
      }),
  );
  return { ...value, settings };
}
