import type { Account, Address, Chain, Client, Transport } from "viem";
import { parseAccount } from "viem/accounts";
import { getTransactionCount } from "viem/actions";
import { AccountRequiredError } from "../errors/BaseError.ts";
import { executeDeploymentPlan, type DeploymentStepResult, type OnDeploymentStep } from "./executeDeploymentPlan.ts";
import { DeploymentPlanner, type DeploymentPlan } from "./plan.ts";

/**
 * Plans a deployment from the sender's next nonce with `build`, then executes it step by step.
 * Returns what `build` returned (the predicted addresses, now checked), the plan and every step's
 * result.
 */
export async function runPlan<T>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  account: Account | Address | undefined,
  build: (planner: DeploymentPlanner) => T,
  onStep?: OnDeploymentStep,
): Promise<{ value: T; plan: DeploymentPlan; results: DeploymentStepResult[] }> {
  const sender = account ?? client.account;
  if (!sender)
    throw new AccountRequiredError("Deploying needs an account.", {
      details: "pass `account`, or give the wallet client one",
    });
  const deployer = parseAccount(sender);
  const nonce = await getTransactionCount(client, { address: deployer.address, blockTag: "latest" });
  const planner = new DeploymentPlanner(deployer.address, nonce);
  const value = build(planner);
  const plan = planner.plan();
  const results = await executeDeploymentPlan(client, plan, { account: deployer, onStep });
  return { value, plan, results };
}
