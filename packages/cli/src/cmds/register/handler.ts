import { networkManagementAbi, NodeStatus, type GetNodeReturnType } from "@obscuro/sdk";
import type { NodeConfig, NodeEnclave } from "@obscuro/node";
import type { Command } from "commander";
import { formatEther, type Address, type Hex, type LocalAccount, type TransactionReceipt } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { formatTime } from "../../util/format.ts";
import { readPrivateKeyFile } from "../../util/keys.ts";
import { connect, type L1 } from "../../util/network.ts";
import { bold, dim } from "../../util/output.ts";

/** The options of `obscuro register` and `obscuro reattest`. */
export interface NodeEnclaveCommandOptions {
  config?: string;
  timeout: number;
  json: boolean;
}

/** What `register` and `reattest` report. */
interface Attested {
  enclaveId: Address;
  operator: Address;
  status: string;
  expiresAt: bigint;
  transaction: Hex;
}

/**
 * `obscuro register --config FILE`: registers the node's enclave on L1 from its operator, paying
 * the fee, with a fresh attestation report of the node's own enclave key, while the node is
 * stopped (the node started afterwards waits for the secret). A running node registers itself.
 */
export async function runRegister(options: NodeEnclaveCommandOptions, _command: Command): Promise<void> {
  const result = await withOperatorsEnclave(options, async ({ l1, account, opened, node }) => {
    if (node.status === NodeStatus.Deregistered) {
      throw new CliError(
        "NODE_DEREGISTERED",
        `Enclave ${opened.enclaveId} is deregistered and can never register again: give the node a new data directory.`,
      );
    }
    if (node.status !== NodeStatus.None) {
      throw new CliError(
        "NODE_REGISTERED",
        `Enclave ${opened.enclaveId} is registered already (${statusName(node.status)}); ` +
          "start the node (obscuro node --config FILE) to get the secret.",
      );
    }
    const fee = await l1.publicClient.readContract({
      address: l1.manifest.contracts.NetworkManagement,
      abi: networkManagementAbi,
      functionName: "registrationFee",
    });
    progress(`Registering enclave ${opened.enclaveId} (fee ${formatEther(fee)} ETH)`);
    const receipt = await attestAndSend(l1, account, opened, "registering the node", (wallet, report, block) =>
      wallet.registerNode({ report, l1BlockNumber: block, fee }),
    );
    return { receipt, fee };
  });
  const { attested, receipt, fee } = result;
  if (options.json) {
    printJson({ ...attested, fee: fee.toString(), transaction: receipt.transactionHash });
    return;
  }
  print(
    `${bold("Registered")} enclave ${attested.enclaveId} (operator ${attested.operator}), fee ${formatEther(fee)} ETH`,
    `  status     ${attested.status}: start the node (obscuro node --config FILE); it gets the secret from the network`,
    `  attested   until ${formatTime(attested.expiresAt)}`,
    dim(`  transaction ${receipt.transactionHash}`),
  );
}

/**
 * `obscuro reattest --config FILE`: a fresh attestation report of the node's enclave key, sent by
 * its operator, so that the key expires `keyLifetime` from now. While the node is stopped; a
 * running node re-attests itself before its key expires (`reattestMarginSeconds`).
 */
export async function runReattest(options: NodeEnclaveCommandOptions, _command: Command): Promise<void> {
  const { attested, receipt, before } = await withOperatorsEnclave(options, async ({ l1, account, opened, node }) => {
    if (node.status === NodeStatus.None) {
      throw new CliError(
        "NODE_UNKNOWN",
        `Enclave ${opened.enclaveId} is not registered on this network: register it first (obscuro register).`,
      );
    }
    if (node.status === NodeStatus.Deregistered) {
      throw new CliError("NODE_DEREGISTERED", `Enclave ${opened.enclaveId} is deregistered: it cannot re-attest.`);
    }
    if (node.operator !== account.address) {
      throw new CliError(
        "NOT_OPERATOR",
        `${account.address} is not the operator of enclave ${opened.enclaveId} (${node.operator} is).`,
      );
    }
    const receipt = await attestAndSend(l1, account, opened, "re-attesting the node", (wallet, report, block) =>
      wallet.reattest({ report, l1BlockNumber: block }),
    );
    return { receipt, before: node.expiresAt };
  });
  if (options.json) {
    printJson({ ...attested, previousExpiresAt: before.toString(), transaction: receipt.transactionHash });
    return;
  }
  print(
    `${bold("Re-attested")} enclave ${attested.enclaveId} (operator ${attested.operator})`,
    `  attested   until ${formatTime(attested.expiresAt)} ${dim(`(was ${formatTime(before)})`)}`,
    dim(`  transaction ${receipt.transactionHash}`),
  );
}

const statusName = (status: number) =>
  (Object.keys(NodeStatus) as (keyof typeof NodeStatus)[]).find((k) => NodeStatus[k] === status) ?? String(status);

interface OperatorsEnclave {
  l1: L1;
  account: LocalAccount;
  opened: NodeEnclave;
  node: GetNodeReturnType;
}

/**
 * Loads the node's configuration, connects to its L1 and manifest, opens its enclave alone (the
 * node must be stopped) and reads its record; `use` sends, and the record is read again after.
 */
async function withOperatorsEnclave<T extends { receipt: TransactionReceipt }>(
  options: NodeEnclaveCommandOptions,
  use: (context: OperatorsEnclave) => Promise<T>,
): Promise<T & { attested: Attested }> {
  const config = await loadConfig(options.config);
  const account = privateKeyToAccount(await readPrivateKeyFile(config.operatorKeyFile, "the node's operator"));
  const l1 = await connect({ rpc: config.l1.rpcUrl, manifest: config.manifest, timeout: options.timeout, json: false });
  const { withNodeEnclave, NodeEnclaveError } = await import("@obscuro/node");
  try {
    return await withNodeEnclave(config, async (opened) => {
      const node = await l1.publicClient.getNode({ enclaveId: opened.enclaveId });
      const result = await use({ l1, account, opened, node });
      const after = await l1.publicClient.getNode({ enclaveId: opened.enclaveId });
      return {
        ...result,
        attested: {
          enclaveId: opened.enclaveId,
          operator: after.operator,
          status: statusName(after.status),
          expiresAt: after.expiresAt,
          transaction: result.receipt.transactionHash,
        },
      };
    });
  } catch (error) {
    if (error instanceof NodeEnclaveError && error.code === "NODE_RUNNING") {
      throw new CliError("NODE_RUNNING", `${error.shortMessage} Stop it first, or let it: ${error.details}.`);
    }
    if (error instanceof NodeEnclaveError) throw new CliError(error.code, error.shortMessage, { cause: error });
    throw error;
  }
}

/** A fresh report of the enclave bound to the operator and the latest L1 block, then the transaction. */
async function attestAndSend(
  l1: L1,
  account: LocalAccount,
  opened: NodeEnclave,
  what: string,
  send: (wallet: ReturnType<L1["wallet"]>, report: Hex, l1BlockNumber: bigint) => Promise<Hex>,
): Promise<TransactionReceipt> {
  const head = await l1.publicClient.getBlock({ blockTag: "latest" });
  const { report } = await opened.enclave.client.call("attest", {
    operator: account.address,
    l1BlockNumber: head.number,
    l1BlockHash: head.hash,
  });
  return l1.sendAndWait(what, () => send(l1.wallet(account), report, head.number));
}

async function loadConfig(file: string | undefined): Promise<NodeConfig> {
  if (!file) throw usageError("CONFIG_REQUIRED", "Name the node: pass --config FILE (the node's configuration).");
  const { loadNodeConfig, NodeConfigError } = await import("@obscuro/node");
  try {
    return await loadNodeConfig({ file });
  } catch (error) {
    if (error instanceof NodeConfigError) {
      throw usageError("NODE_CONFIG", error.shortMessage, { details: error.details, cause: error });
    }
    throw error;
  }
}
