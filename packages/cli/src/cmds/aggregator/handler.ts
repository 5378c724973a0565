import { NodeStatus, obscuroTokenAbi, sendProtocolTransaction, type GetAggregatorReturnType } from "@obscuro/sdk";
import type { Command } from "commander";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { formatTime, formatToken } from "../../util/format.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connect, type L1, type NetworkOptions } from "../../util/network.ts";
import { bold, dim } from "../../util/output.ts";

export type OperatorOptions = KeyOptions & NetworkOptions;

export interface StakeOptions extends OperatorOptions {
  enclave?: Address;
  host?: string;
}

/** An aggregator record as `--json` and the text view show it. */
function describeAggregator(record: GetAggregatorReturnType) {
  return {
    operator: record.operator,
    stake: record.stake,
    unbonding: record.unbonding,
    unbondingEnds: record.unbondingEnds,
    listed: record.listed,
    hostAddress: record.hostAddress,
    isPublisher: record.isPublisher,
  };
}

/** Prints an operator's aggregator record after a command changed it. */
function printAggregator(title: string, record: GetAggregatorReturnType, transactions: string[], json: boolean): void {
  if (json) {
    printJson({ ...describeAggregator(record), transactions });
    return;
  }
  print(
    bold(title),
    `  operator   ${record.operator}`,
    `  stake      ${formatToken(record.stake)}${record.isPublisher ? dim(" (may publish rollups)") : dim(" (below the minimum stake: cannot publish)")}`,
    `  host       ${record.listed ? record.hostAddress : dim("not listed")}`,
    ...(record.unbonding > 0n
      ? [`  unbonding  ${formatToken(record.unbonding)}, withdrawable from ${formatTime(record.unbondingEnds)}`]
      : []),
    dim(`  transaction${transactions.length > 1 ? "s" : ""} ${transactions.join(", ")}`),
  );
}

async function operatorContext(options: OperatorOptions) {
  const account = await loadAccount(options, "the operator");
  const l1 = await connect(options);
  return { account, l1, wallet: l1.wallet(account) };
}

/**
 * `obscuro aggregator stake AMOUNT`: the first time, registers the operator as an aggregator
 * (its active enclave and host address, the stake authorized by an ERC-2612 permit: one
 * transaction); afterwards, adds to the stake (an `approve` first when the allowance is short).
 */
export async function runStake(amount: bigint, options: StakeOptions, _command: Command): Promise<void> {
  const { account, l1, wallet } = await operatorContext(options);
  const before = await l1.publicClient.getAggregator({ operator: account.address });
  const transactions: string[] = [];
  if (!before.listed && before.stake === 0n) {
    if (!options.enclave || !options.host) {
      throw usageError(
        "AGGREGATOR_REGISTRATION",
        `${account.address} is not an aggregator yet: the first stake needs its active enclave (--enclave) and its host address (--host).`,
      );
    }
    const node = await l1.publicClient.getNode({ enclaveId: options.enclave });
    if (node.status === NodeStatus.None) {
      throw new CliError("NODE_UNKNOWN", `Enclave ${options.enclave} never registered on this network.`);
    }
    const receipt = await l1.sendAndWait("registering the aggregator", () =>
      wallet.registerAggregator({
        enclaveId: options.enclave!,
        hostAddress: options.host!,
        amount,
        authorization: "permit",
      }),
    );
    transactions.push(receipt.transactionHash);
  } else {
    if (options.enclave || options.host) {
      throw usageError(
        "AGGREGATOR_REGISTERED",
        `${account.address} is an aggregator already: stake without --enclave and --host (change the host with set-host).`,
      );
    }
    await approveStake(l1, wallet, account.address, amount, (hash) => transactions.push(hash));
    const receipt = await l1.sendAndWait("adding to the stake", () => wallet.increaseStake({ amount }));
    transactions.push(receipt.transactionHash);
  }
  const after = await l1.publicClient.getAggregator({ operator: account.address });
  printAggregator(`Staked ${formatToken(amount)}`, after, transactions, options.json);
}

/** Sends the stake token's `approve` (bounded wait) when the allowance does not cover `amount`. */
async function approveStake(
  l1: L1,
  wallet: ReturnType<L1["wallet"]>,
  owner: Address,
  amount: bigint,
  onSent: (hash: string) => void,
): Promise<void> {
  const token = { address: l1.manifest.contracts.ObscuroToken, abi: obscuroTokenAbi } as const;
  const spender = l1.manifest.contracts.NetworkManagement;
  const allowance = await readContract(l1.publicClient, {
    ...token,
    functionName: "allowance",
    args: [owner, spender],
  });
  if (allowance >= amount) return;
  const receipt = await l1.sendAndWait("approving the stake", () =>
    sendProtocolTransaction(wallet, {
      ...token,
      contractName: "ObscuroToken",
      functionName: "approve",
      args: [spender, amount],
    }),
  );
  onSent(receipt.transactionHash);
}

/** `obscuro aggregator unstake`: the whole stake starts unbonding; the operator leaves the host list. */
export async function runUnstake(options: OperatorOptions, _command: Command): Promise<void> {
  const { account, l1, wallet } = await operatorContext(options);
  const receipt = await l1.sendAndWait("unstaking", () => wallet.unstake());
  const after = await l1.publicClient.getAggregator({ operator: account.address });
  printAggregator(`Unstaked ${formatToken(after.unbonding)}`, after, [receipt.transactionHash], options.json);
}

/** `obscuro aggregator withdraw-stake`: the unbonded stake back to the operator. */
export async function runWithdrawStake(options: OperatorOptions, _command: Command): Promise<void> {
  const { account, l1, wallet } = await operatorContext(options);
  const before = await l1.publicClient.getAggregator({ operator: account.address });
  const receipt = await l1.sendAndWait("withdrawing the stake", () => wallet.withdrawStake());
  const after = await l1.publicClient.getAggregator({ operator: account.address });
  printAggregator(
    `Withdrew ${formatToken(before.unbonding - after.unbonding)}`,
    after,
    [receipt.transactionHash],
    options.json,
  );
}

/** `obscuro aggregator set-host ADDRESS`: the address nodes bootstrap their gossip from. */
export async function runSetHost(hostAddress: string, options: OperatorOptions, _command: Command): Promise<void> {
  const { account, l1, wallet } = await operatorContext(options);
  progress(`publishing ${hostAddress} as the host address of ${account.address}`);
  const receipt = await l1.sendAndWait("updating the host address", () => wallet.updateHostAddress({ hostAddress }));
  const after = await l1.publicClient.getAggregator({ operator: account.address });
  printAggregator("Host address updated", after, [receipt.transactionHash], options.json);
}
