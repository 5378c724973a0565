import { Command } from "commander";
import { handler } from "../../util/command.ts";
import { runReattest } from "../register/handler.ts";
import { addNodeEnclaveOptions } from "../register/index.ts";

/** `obscuro reattest`: the operator refreshes a (stopped) node's attestation before its key expires. */
export function reattestCommand(): Command {
  return addNodeEnclaveOptions(
    new Command("reattest").description(
      "Attest a registered node again with a fresh report of its enclave key, so that it stays valid keyLifetime " +
        "from now; the node must be stopped (a running node re-attests itself before its key expires).",
    ),
  ).action(handler(runReattest));
}
