import { resolve } from "node:path";
import { ContractCallRevertedError, signCouncilTransaction, simulateProtocolCall } from "@obscuro/sdk";
import type { Command } from "commander";
import { getAddress } from "viem";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { writeNewJsonFile } from "../../util/files.ts";
import { formatTime } from "../../util/format.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connect, loadManifest, type L1, type NetworkOptions } from "../../util/network.ts";
import { bold, dim, red } from "../../util/output.ts";
import { lowerFirst, revertSentence } from "../../util/reverts.ts";
import {
  COUNCIL_FILE_TYPE,
  councilCall,
  readCouncilFile,
  type CouncilCall,
  type CouncilSignatureFile,
} from "./actions.ts";

export interface CouncilSignOptions extends KeyOptions, NetworkOptions {
  out?: string;
  nonce?: bigint;
}

export interface CouncilExecuteOptions extends KeyOptions, NetworkOptions {
  signatures?: string[];
}

/** Simulates the council's call from the Safe: a refusal is the target's, by name, before anyone signs or sends. */
async function simulateFromSafe(l1: L1, call: CouncilCall): Promise<void> {
  try {
    await simulateProtocolCall(l1.publicClient, {
      contractName: call.contractName,
      functionName: call.functionName,
      from: l1.manifest.settings.council,
      to: call.to,
      data: call.data,
    });
  } catch (error) {
    if (!(error instanceof ContractCallRevertedError)) throw error;
    throw new CliError(
      "COUNCIL_CALL_WOULD_FAIL",
      `The council cannot ${call.summary} now: ${lowerFirst(revertSentence(error))}`,
      {
        cause: error,
        details: `${call.contractName}.${call.functionName} from the Safe reverts with ${error.errorName}`,
      },
    );
  }
}

/**
 * `obscuro council sign ACTION [ARGUMENT] --out FILE`: one owner's signature of a council action at
 * the Safe's current nonce (read with --rpc, or given with --nonce to sign offline).
 */
export async function runCouncilSign(
  action: string,
  argument: string | undefined,
  options: CouncilSignOptions,
  _command: Command,
): Promise<void> {
  if (!options.out) throw usageError("OUT_REQUIRED", "Name the signature file to write: pass --out FILE.");
  const owner = await loadAccount(options, "the council owner");
  let chainId: number;
  let safe;
  let nonce: bigint;
  let call: CouncilCall;
  if (options.rpc) {
    const l1 = await connect(options);
    call = await councilCall(action, argument, l1.manifest, l1.publicClient);
    const council = await l1.publicClient.getCouncilSafe();
    if (!council.owners.map((o) => getAddress(o)).includes(owner.address)) {
      throw new CliError("NOT_OWNER", `${owner.address} is not an owner of the council Safe ${council.safe}.`);
    }
    if (options.nonce !== undefined && options.nonce !== council.nonce) {
      throw usageError(
        "SAFE_NONCE",
        `The council Safe is at nonce ${council.nonce}, not ${options.nonce}: a signature for another nonce would not count.`,
      );
    }
    await simulateFromSafe(l1, call);
    ({ chainId, safe, nonce } = council);
  } else {
    if (options.nonce === undefined) {
      throw usageError(
        "SAFE_NONCE_REQUIRED",
        "Signing offline needs the Safe's nonce: pass --nonce N (or --rpc to read it).",
      );
    }
    const { manifest } = await loadManifest(options);
    call = await councilCall(action, argument, manifest, undefined);
    chainId = manifest.chainId;
    safe = manifest.settings.council;
    nonce = options.nonce;
  }
  const { signer, signature } = await signCouncilTransaction({
    owner,
    chainId,
    safe,
    to: call.to,
    data: call.data,
    nonce,
  });
  const file: CouncilSignatureFile = {
    type: COUNCIL_FILE_TYPE,
    version: 1,
    chainId,
    safe,
    nonce,
    action: call.action,
    argument: call.argument,
    summary: call.summary,
    to: call.to,
    data: call.data,
    signer,
    signature,
  };
  const path = resolve(options.out);
  await writeNewJsonFile(path, file);
  if (options.json) return printJson({ path, ...file });
  print(
    `${bold("Signed")} "${call.summary}" as council owner ${signer}`,
    `  safe       ${safe} (chain ${chainId}, nonce ${nonce})`,
    `  written to ${path}`,
    dim(`  Execute it with the other owners' files: obscuro council execute --signatures …`),
  );
}

/**
 * `obscuro council execute --signatures FILES…` (or `council ACTION [ARGUMENT] --signatures FILES…`,
 * which also checks the files sign that very action): the Safe makes the call.
 */
export async function runCouncilExecute(
  expected: { action: string; argument: string | undefined } | undefined,
  options: CouncilExecuteOptions,
): Promise<void> {
  if (!options.signatures?.length) {
    throw usageError("SIGNATURES_REQUIRED", "Give the owners' signature files: --signatures a.json b.json.");
  }
  const files = await Promise.all(options.signatures.map(readCouncilFile));
  const first = files[0]!;
  for (const [i, file] of files.entries()) {
    if (
      file.chainId !== first.chainId ||
      file.safe !== first.safe ||
      file.to !== first.to ||
      file.data !== first.data
    ) {
      throw usageError(
        "SIGNATURES_DIFFER",
        `${options.signatures[i]} signs "${file.summary}" and ${options.signatures[0]} "${first.summary}": every owner must sign the same action.`,
      );
    }
    if (file.nonce !== first.nonce) {
      throw usageError(
        "SIGNATURES_DIFFER",
        `${options.signatures[i]} is for Safe nonce ${file.nonce} and ${options.signatures[0]} for ${first.nonce}: every owner must sign at the same nonce.`,
      );
    }
  }
  if (new Set(files.map((f) => f.signer)).size !== files.length) {
    throw usageError("DUPLICATE_SIGNER", "Two signature files are signed by the same owner.");
  }
  const sender = await loadAccount(options, "the account that executes (any)");
  const l1 = await connect(options);
  if (expected) {
    const call = await councilCall(expected.action, expected.argument, l1.manifest, l1.publicClient);
    if (call.to !== first.to || call.data !== first.data) {
      throw usageError("SIGNATURES_DIFFER", `The signatures are for "${first.summary}", not "${call.summary}".`);
    }
  }
  if (first.chainId !== l1.chainId || first.safe !== l1.manifest.settings.council) {
    throw usageError(
      "COUNCIL_NETWORK",
      `The signatures are for the Safe ${first.safe} on chain ${first.chainId}, not this network's council.`,
    );
  }
  const council = await l1.publicClient.getCouncilSafe();
  if (council.nonce !== first.nonce) {
    throw new CliError(
      "SAFE_NONCE",
      `The signatures are for the Safe's nonce ${first.nonce}, and the Safe is at ${council.nonce}${council.nonce > first.nonce ? " (it has executed since)" : ""}: the owners must sign again.`,
    );
  }
  const owners = new Set(council.owners.map((o) => getAddress(o)));
  const strangers = files.filter((f) => !owners.has(f.signer));
  if (strangers.length > 0) {
    throw new CliError("NOT_OWNER", `${strangers[0]!.signer} is not an owner of the council Safe ${council.safe}.`);
  }
  if (files.length < council.threshold) {
    throw new CliError(
      "TOO_FEW_SIGNATURES",
      `The council Safe needs ${council.threshold} owners' signatures, and ${files.length} ${files.length === 1 ? "was" : "were"} given.`,
    );
  }
  progress(`executing "${first.summary}" through the council Safe with ${files.length} owners' signatures`);
  const receipt = await l1.sendAndWait(first.summary, () =>
    l1.wallet(sender).executeCouncilAction({
      to: first.to,
      data: first.data,
      signatures: files.map(({ signer, signature }) => ({ signer, signature })),
    }),
  );
  const emergency = await l1.publicClient.getEmergencyStatus();
  if (options.json) {
    return printJson({
      action: first.action,
      argument: first.argument,
      summary: first.summary,
      signers: files.map((f) => f.signer),
      transaction: receipt.transactionHash,
      emergency,
    });
  }
  print(
    `${bold("Council executed")}: ${first.summary}`,
    `  signed by  ${files.map((f) => f.signer).join(", ")}`,
    ...emergencyLines(emergency),
    dim(`  transaction ${receipt.transactionHash}`),
  );
}

function emergencyLines(e: Awaited<ReturnType<L1["publicClient"]["getEmergencyStatus"]>>): string[] {
  return [
    `  paused     ${e.paused ? red(`yes, until ${formatTime(e.pausedUntil)}`) : "no"}`,
    `  breach     ${e.breachDeclared ? red("declared") : "no"}`,
    `  frozen     ${e.frozenLedger ? red(`yes, on rollup #${e.frozenLedger.number}`) : "no"}`,
  ];
}

/** `obscuro council status`: the Safe (owners, threshold, nonce) and the emergency powers in force. */
export async function runCouncilStatus(options: NetworkOptions, _command: Command): Promise<void> {
  const l1 = await connect(options);
  const [council, emergency] = await Promise.all([
    l1.publicClient.getCouncilSafe(),
    l1.publicClient.getEmergencyStatus(),
  ]);
  if (options.json) return printJson({ council, emergency });
  print(
    `${bold("Council")} ${council.safe} (Safe ${council.version}, chain ${council.chainId})`,
    `  owners     ${council.threshold} of ${council.owners.length} sign: ${council.owners.join(", ")}`,
    `  nonce      ${council.nonce} ${dim("(the next action's signatures are for this nonce)")}`,
    ...emergencyLines(emergency),
  );
}
