import { NodeStatus } from "@obscuro/sdk";
import type { Command } from "commander";
import type { Address } from "viem";
import { print, printJson } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connect, type NetworkOptions } from "../../util/network.ts";
import { bold, dim } from "../../util/output.ts";

export interface DeregisterOptions extends KeyOptions, NetworkOptions {
  enclave?: Address;
  yes: boolean;
}

/** `obscuro deregister --enclave ID --yes`: retires a node for ever (its key can never register again). */
export async function runDeregister(options: DeregisterOptions, _command: Command): Promise<void> {
  if (!options.enclave) throw usageError("ENCLAVE_REQUIRED", "Name the node to retire: pass --enclave ID.");
  if (!options.yes) {
    throw usageError(
      "CONFIRMATION_REQUIRED",
      `Deregistering enclave ${options.enclave} is permanent: pass --yes to confirm.`,
    );
  }
  const account = await loadAccount(options, "the operator");
  const l1 = await connect(options);
  const node = await l1.publicClient.getNode({ enclaveId: options.enclave });
  if (node.status === NodeStatus.None) {
    throw new CliError("NODE_UNKNOWN", `Enclave ${options.enclave} is not registered on this network.`);
  }
  if (node.status === NodeStatus.Deregistered) {
    throw new CliError("NODE_DEREGISTERED", `Enclave ${options.enclave} is deregistered already.`);
  }
  const receipt = await l1.sendAndWait("deregistering the node", () =>
    l1.wallet(account).deregisterNode({ enclaveId: options.enclave! }),
  );
  if (options.json) {
    printJson({ enclaveId: options.enclave, status: "Deregistered", transaction: receipt.transactionHash });
    return;
  }
  print(
    `${bold("Deregistered")} enclave ${options.enclave} (operator ${account.address})`,
    dim(`  transaction ${receipt.transactionHash}`),
  );
}
