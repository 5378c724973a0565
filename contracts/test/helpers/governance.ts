import type { network } from "hardhat";
import {
  encodeFunctionData,
  getContractAddress,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";

type Connection = Awaited<ReturnType<typeof network.create>>;
type HardhatViem = Connection["viem"];
type NetworkHelpers = Connection["networkHelpers"];

/** Governance settings for tests: short, but inside the contracts' bounds. */
export const TEST_GOVERNANCE = {
  votingDelay: 60, // seconds
  votingPeriod: 3600, // the minimum: one hour
  proposalThreshold: 0n,
  quorumNumerator: 4n, // percent
  timelockDelay: 120, // seconds
  supply: parseEther("1000000000"),
} as const;

/**
 * Deploys ObscuroToken (the supply to `holder`, who delegates to itself), ObscuroTimelock and
 * ObscuroGovernor wired together: the Governor proposes and cancels, anyone executes, and the
 * Timelock administers itself.
 */
export async function deployGovernance(viem: HardhatViem, holder: Address) {
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  if (!deployer) throw new Error("no wallet client");
  const token = await viem.deployContract("ObscuroToken", [holder, TEST_GOVERNANCE.supply]);
  await token.write.delegate([holder], { account: holder });
  const nonce = await publicClient.getTransactionCount({ address: deployer.account.address });
  const governorAddress = getContractAddress({ from: deployer.account.address, nonce: BigInt(nonce + 1) });
  const timelock = await viem.deployContract("ObscuroTimelock", [
    BigInt(TEST_GOVERNANCE.timelockDelay),
    [governorAddress],
    ["0x0000000000000000000000000000000000000000"],
  ]);
  const governor = await viem.deployContract("ObscuroGovernor", [
    token.address,
    timelock.address,
    TEST_GOVERNANCE.votingDelay,
    TEST_GOVERNANCE.votingPeriod,
    TEST_GOVERNANCE.proposalThreshold,
    TEST_GOVERNANCE.quorumNumerator,
  ]);
  if (governor.address.toLowerCase() !== governorAddress.toLowerCase())
    throw new Error("governor address prediction failed");
  return { token, timelock, governor };
}

export interface ProposalCall {
  target: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/**
 * Runs a proposal through its whole life: propose, wait for the voting delay, vote for with
 * `voter`, wait out the voting period, queue in the Timelock, wait for its delay, execute.
 * Returns the proposal id and the execution transaction.
 */
export async function passProposal(
  viem: HardhatViem,
  networkHelpers: NetworkHelpers,
  governor: Awaited<ReturnType<typeof deployGovernance>>["governor"],
  voter: Address,
  calls: readonly ProposalCall[],
  description: string,
): Promise<{ proposalId: bigint; executed: Hex }> {
  const publicClient = await viem.getPublicClient();
  const targets = calls.map((c) => c.target);
  const values = calls.map(() => 0n);
  const calldatas = calls.map((c) => encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args }));
  const descriptionHash = keccak256(toHex(description));
  await governor.write.propose([targets, values, calldatas, description], { account: voter });
  const proposalId = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
  await networkHelpers.time.increase(TEST_GOVERNANCE.votingDelay + 1);
  await governor.write.castVote([proposalId, 1], { account: voter });
  await networkHelpers.time.increase(TEST_GOVERNANCE.votingPeriod + 1);
  await governor.write.queue([targets, values, calldatas, descriptionHash], { account: voter });
  await networkHelpers.time.increase(TEST_GOVERNANCE.timelockDelay + 1);
  const executed = await governor.write.execute([targets, values, calldatas, descriptionHash], { account: voter });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: executed });
  if (receipt.status !== "success") throw new Error(`proposal "${description}" failed to execute`);
  return { proposalId, executed };
}
