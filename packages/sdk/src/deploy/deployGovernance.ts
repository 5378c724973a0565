import {
  getContractAddress,
  type Abi,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import {
  obscuroGovernorAbi,
  obscuroGovernorBytecode,
  obscuroTimelockAbi,
  obscuroTimelockBytecode,
} from "../generated/index.ts";
import { deployContract } from "./deployContract.ts";
import { DeploymentFailedError } from "./errors.ts";
import { DEFAULT_GOVERNANCE_SETTINGS, type GovernanceDeploySettings } from "./settings.ts";

export interface DeployGovernanceParameters {
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  publicClient: PublicClient;
  /** The ObscuroToken whose holders vote. */
  token: Address;
  settings?: GovernanceDeploySettings;
  onDeployed?: (event: {
    name: "ObscuroTimelock" | "ObscuroGovernor";
    address: Address;
    transactionHash: Hex;
    gasUsed: bigint;
  }) => void;
}

export interface DeployGovernanceReturnType {
  timelock: Address;
  governor: Address;
  settings: Required<GovernanceDeploySettings>;
}

/**
 * Deploys token-holder governance: `ObscuroTimelock` (no admin but itself, the Governor as its only
 * proposer and canceller, anyone as executor) and `ObscuroGovernor` over `token`. The Timelock is
 * what every module takes as its `governance`.
 * @throws {DeploymentFailedError}
 */
export async function deployGovernance(parameters: DeployGovernanceParameters): Promise<DeployGovernanceReturnType> {
  const { walletClient, publicClient, token } = parameters;
  const settings = { ...DEFAULT_GOVERNANCE_SETTINGS, ...parameters.settings };
  const deployer = walletClient.account.address;
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  const predictedGovernor = getContractAddress({ from: deployer, nonce: BigInt(nonce + 1) });
  const deploy = async (
    name: "ObscuroTimelock" | "ObscuroGovernor",
    abi: Abi,
    bytecode: Hex,
    args: readonly unknown[],
  ) => {
    const { event } = await deployContract(walletClient, publicClient, name, { abi, bytecode, args });
    parameters.onDeployed?.({ name, ...event });
    return event.address;
  };
  const timelock = await deploy("ObscuroTimelock", obscuroTimelockAbi, obscuroTimelockBytecode, [
    BigInt(settings.timelockDelay),
    [predictedGovernor],
    [zeroAddress],
  ]);
  const governor = await deploy("ObscuroGovernor", obscuroGovernorAbi, obscuroGovernorBytecode, [
    token,
    timelock,
    settings.votingDelay,
    settings.votingPeriod,
    settings.proposalThreshold,
    settings.quorumNumerator,
  ]);
  if (governor !== predictedGovernor) {
    throw new DeploymentFailedError("The Governor is not at its predicted address.", {
      details: `predicted ${predictedGovernor}, deployed at ${governor}: another transaction from ${deployer} was mined meanwhile`,
    });
  }
  return { timelock, governor, settings };
}
