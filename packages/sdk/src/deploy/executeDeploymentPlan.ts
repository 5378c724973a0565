import {
  getAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { getTransactionCount, sendTransaction, waitForTransactionReceipt } from "viem/actions";
import { AccountRequiredError, ContractCallRevertedError } from "../errors/BaseError.ts";
import { DeploymentFailedError, DeploymentPlanMismatchError } from "../errors/deploy.ts";
import { simulateProtocolCall } from "../utils/sendProtocolTransaction.ts";
import type { DeploymentPlan, DeploymentStep } from "./plan.ts";

/** One step done: where its contract is, and what the transaction cost. */
export interface DeploymentStepResult {
  step: DeploymentStep;
  receipt: TransactionReceipt;
  transactionHash: Hex;
  gasUsed: bigint;
}

/** Called after each step, for progress output. */
export type OnDeploymentStep = (result: DeploymentStepResult) => void;

/**
 * Runs a plan, step by step: checks the deployer's nonce is the step's (no other transaction from
 * it got in between; read at the latest block, since every step is waited for: a deployment starts
 * from a deployer with no pending transaction), simulates the step on the pending block (a constructor or initializer that
 * would revert is decoded by name), sends it, waits for its receipt and checks it created its
 * contract where the plan said.
 * @throws {DeploymentPlanMismatchError} when the nonce moved or a contract is not where predicted.
 * @throws {ContractCallRevertedError} when a step would revert (nothing of it is sent).
 * @throws {DeploymentFailedError} when a step cannot be sent, or reverts once mined.
 */
export async function executeDeploymentPlan(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  plan: DeploymentPlan,
  { account, onStep }: { account?: Account | Address | undefined; onStep?: OnDeploymentStep | undefined } = {},
): Promise<DeploymentStepResult[]> {
  const sender = account ?? client.account;
  if (!sender)
    throw new AccountRequiredError("Deploying needs an account.", {
      details: "pass `account`, or give the wallet client one",
    });
  const from = parseAccount(sender);
  if (getAddress(from.address) !== getAddress(plan.deployer)) {
    throw new DeploymentPlanMismatchError("The plan was made for another deployer.", {
      step: plan.steps[0]?.name ?? "",
      details: `plan ${plan.deployer}, sender ${from.address}`,
    });
  }
  const results: DeploymentStepResult[] = [];
  for (const step of plan.steps) {
    const label = step.role ? `${step.name} ${step.role}` : step.name;
    const nonce = await getTransactionCount(client, { address: from.address, blockTag: "latest" });
    if (nonce !== step.nonce) {
      throw new DeploymentPlanMismatchError(`${label} is not at its planned nonce.`, {
        step: step.name,
        details: `planned nonce ${step.nonce}, the deployer ${from.address} is at ${nonce}: another transaction from it was sent during the deployment`,
      });
    }
    const gas = await simulateProtocolCall(client, {
      contractName: step.name,
      functionName: step.kind === "create" ? "constructor" : step.name.split(".").pop()!,
      from: from.address,
      to: step.to,
      data: step.data,
    });
    let hash: Hex;
    try {
      hash = await sendTransaction(client, {
        account: from,
        chain: client.chain,
        ...(step.to ? { to: step.to } : {}),
        data: step.data,
        gas,
        nonce: step.nonce,
      } as never);
    } catch (cause) {
      if (cause instanceof ContractCallRevertedError) throw cause;
      throw new DeploymentFailedError(`Could not send ${label}.`, { cause, details: (cause as Error).message });
    }
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") {
      throw new DeploymentFailedError(`${label} reverted.`, { details: `transaction ${hash}` });
    }
    const created = step.kind === "create" ? receipt.contractAddress : step.address;
    if (step.address && (!created || getAddress(created) !== getAddress(step.address))) {
      throw new DeploymentPlanMismatchError(`${label} is not at its predicted address.`, {
        step: step.name,
        details: `predicted ${step.address}, created at ${created ?? "nothing"}`,
      });
    }
    if (step.kind === "call" && step.address) {
      const code = await client.request({ method: "eth_getCode", params: [step.address, "latest"] } as never);
      if (!code || code === "0x") {
        throw new DeploymentPlanMismatchError(`${label} created nothing at its predicted address.`, {
          step: step.name,
          details: `predicted ${step.address}, transaction ${hash}`,
        });
      }
    }
    const result = { step, receipt, transactionHash: hash, gasUsed: receipt.gasUsed };
    results.push(result);
    onStep?.(result);
  }
  return results;
}
