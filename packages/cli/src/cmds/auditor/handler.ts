import { resolve } from "node:path";
import {
  MeasurementStatus,
  signMeasurementStatement,
  type MeasurementStatement,
  type DeploymentManifest,
} from "@obscuro/sdk";
import type { Command } from "commander";
import { getAddress, type Hex } from "viem";
import { print, printJson, progress } from "../../util/command.ts";
import { CliError, usageError } from "../../util/errors.ts";
import { writeNewJsonFile } from "../../util/files.ts";
import { formatTime } from "../../util/format.ts";
import { loadAccount, type KeyOptions } from "../../util/keys.ts";
import { connect, loadManifest, type NetworkOptions } from "../../util/network.ts";
import { bold, dim } from "../../util/output.ts";
import { readStatementFile, STATEMENT_FILE_TYPE, type StatementFile } from "./statements.ts";

export interface SignOptions extends KeyOptions, NetworkOptions {
  out?: string;
  revoke: boolean;
  deadline?: bigint;
  validFor: bigint;
  policyVersion?: bigint;
}

export interface SubmitOptions extends KeyOptions, NetworkOptions {
  signatures?: string[];
}

const DAY = 86_400n;

const statusName = (status: number) =>
  (Object.keys(MeasurementStatus) as (keyof typeof MeasurementStatus)[]).find((k) => MeasurementStatus[k] === status) ??
  String(status);

/**
 * `obscuro auditor sign MEASUREMENT --out FILE`: an auditor's EIP-712 statement approving (or, with
 * `--revoke`, revoking) a measurement, written to a file. Online (`--rpc`) it reads the policy's
 * version and checks the key is an auditor's and the statement still makes sense; offline
 * (`--policy-version`, no `--rpc`) it signs what it is told.
 */
export async function runSign(measurement: Hex, options: SignOptions, _command: Command): Promise<void> {
  if (!options.out) throw usageError("OUT_REQUIRED", "Name the statement file to write: pass --out FILE.");
  const statement: MeasurementStatement = options.revoke ? "RevokeMeasurement" : "ApproveMeasurement";
  const auditor = await loadAccount(options, "the auditor");
  let manifest: DeploymentManifest;
  let policyVersion: bigint;
  let now: bigint;
  if (options.rpc) {
    const l1 = await connect(options);
    manifest = l1.manifest;
    const [policy, status] = await Promise.all([
      l1.publicClient.getEnclavePolicy(),
      l1.publicClient.getMeasurementStatus({ measurement }),
    ]);
    if (!policy.auditors.map((a) => getAddress(a)).includes(auditor.address)) {
      throw new CliError(
        "NOT_AUDITOR",
        `${auditor.address} is not an auditor of the EnclavePolicy at ${manifest.contracts.EnclavePolicy}: its signature would not count.`,
      );
    }
    if (status === MeasurementStatus.Revoked) {
      throw new CliError("MEASUREMENT_REVOKED", `Measurement ${measurement} is revoked, for ever.`);
    }
    if (!options.revoke && status === MeasurementStatus.Approved) {
      throw new CliError("MEASUREMENT_APPROVED", `Measurement ${measurement} is approved already.`);
    }
    if (options.policyVersion !== undefined && options.policyVersion !== policy.policyVersion) {
      throw usageError(
        "POLICY_VERSION",
        `The policy is at version ${policy.policyVersion}, not ${options.policyVersion}: a statement for another version would not count.`,
      );
    }
    policyVersion = policy.policyVersion;
    now = l1.latest.timestamp;
  } else {
    if (options.policyVersion === undefined) {
      throw usageError(
        "POLICY_VERSION_REQUIRED",
        "Signing offline needs the policy version: pass --policy-version N (or --rpc to read it).",
      );
    }
    manifest = (await loadManifest(options)).manifest;
    policyVersion = options.policyVersion;
    now = BigInt(Math.floor(Date.now() / 1000));
  }
  // Auditors sign apart, and their statements combine only with one deadline: by default the end of
  // the UTC day `--valid-for` from now, the same for every auditor who signs that day.
  const deadline = options.deadline ?? ((now + options.validFor) / DAY + 1n) * DAY;
  if (deadline <= now) throw usageError("DEADLINE_PAST", `The deadline ${formatTime(deadline)} has passed.`);
  const { signer, signature } = await signMeasurementStatement({
    auditor,
    statement,
    chainId: manifest.chainId,
    policy: manifest.contracts.EnclavePolicy,
    measurement,
    policyVersion,
    deadline,
  });
  const file: StatementFile = {
    type: STATEMENT_FILE_TYPE,
    version: 1,
    statement,
    chainId: manifest.chainId,
    enclavePolicy: manifest.contracts.EnclavePolicy,
    measurement,
    policyVersion,
    deadline,
    signer,
    signature,
  };
  const path = resolve(options.out);
  await writeNewJsonFile(path, file);
  if (options.json) return printJson({ path, ...file });
  print(
    `${bold(options.revoke ? "Signed a revocation" : "Signed an approval")} of ${measurement} as auditor ${signer}`,
    `  policy     ${manifest.contracts.EnclavePolicy} (chain ${manifest.chainId}, version ${policyVersion})`,
    `  valid until ${formatTime(deadline)}`,
    `  written to ${path}`,
    dim(
      `  Submit it with the other auditors' files: obscuro auditor ${options.revoke ? "revoke" : "approve"} --signatures …`,
    ),
  );
}

/** `obscuro auditor approve|revoke --signatures FILES…`: submits the auditors' statements (any account sends). */
export async function runSubmit(kind: MeasurementStatement, options: SubmitOptions): Promise<void> {
  const verb = kind === "ApproveMeasurement" ? "approve" : "revoke";
  if (!options.signatures?.length) {
    throw usageError("SIGNATURES_REQUIRED", `Give the auditors' statement files: --signatures a.json b.json.`);
  }
  const files = await Promise.all(options.signatures.map(readStatementFile));
  const first = files[0]!;
  for (const [i, file] of files.entries()) {
    if (file.statement !== kind) {
      throw usageError(
        "STATEMENT_KIND",
        `${options.signatures[i]} ${file.statement === "ApproveMeasurement" ? "approves" : "revokes"} a measurement: it cannot ${verb} one.`,
      );
    }
    const same =
      file.chainId === first.chainId &&
      file.enclavePolicy === first.enclavePolicy &&
      file.measurement === first.measurement &&
      file.policyVersion === first.policyVersion &&
      file.deadline === first.deadline;
    if (!same) {
      throw usageError(
        "STATEMENTS_DIFFER",
        `${options.signatures[i]} and ${options.signatures[0]} sign different statements (measurement, policy version, deadline or policy).`,
        { details: "every auditor must sign the same measurement, policy version and deadline" },
      );
    }
  }
  const signers = new Set(files.map((f) => f.signer));
  if (signers.size !== files.length) {
    throw usageError("DUPLICATE_SIGNER", "Two statement files are signed by the same auditor.");
  }
  const sender = await loadAccount(options, "the account that submits");
  const l1 = await connect(options);
  if (first.chainId !== l1.chainId || first.enclavePolicy !== l1.manifest.contracts.EnclavePolicy) {
    throw usageError(
      "STATEMENT_NETWORK",
      `The statements are for the EnclavePolicy at ${first.enclavePolicy} on chain ${first.chainId}, not this network's.`,
    );
  }
  const policy = await l1.publicClient.getEnclavePolicy();
  if (policy.policyVersion !== first.policyVersion) {
    throw new CliError(
      "POLICY_VERSION",
      `The statements are for policy version ${first.policyVersion}, and the policy is now at ${policy.policyVersion}: the auditors must sign again.`,
    );
  }
  if (first.deadline < l1.latest.timestamp) {
    throw new CliError(
      "STATEMENTS_EXPIRED",
      `The statements expired at ${formatTime(first.deadline)}: the auditors must sign again.`,
    );
  }
  const auditors = new Set(policy.auditors.map((a) => getAddress(a)));
  const strangers = files.filter((f) => !auditors.has(f.signer));
  if (strangers.length > 0) {
    throw new CliError(
      "NOT_AUDITOR",
      `${strangers[0]!.signer} is not an auditor of the policy: its statement does not count.`,
    );
  }
  if (BigInt(files.length) < policy.threshold) {
    throw new CliError(
      "TOO_FEW_SIGNATURES",
      `${policy.threshold} auditors must sign, and ${files.length} statement${files.length === 1 ? " was" : "s were"} given.`,
    );
  }
  progress(`submitting ${files.length} auditor signatures to ${verb} ${first.measurement}`);
  const parameters = {
    measurement: first.measurement,
    deadline: first.deadline,
    signatures: files.map(({ signer, signature }) => ({ signer, signature })),
  };
  const wallet = l1.wallet(sender);
  const receipt = await l1.sendAndWait(`${verb === "approve" ? "approving" : "revoking"} the measurement`, () =>
    kind === "ApproveMeasurement" ? wallet.approveMeasurement(parameters) : wallet.revokeMeasurement(parameters),
  );
  const status = await l1.publicClient.getMeasurementStatus({ measurement: first.measurement });
  if (options.json) {
    return printJson({
      measurement: first.measurement,
      status: statusName(status),
      signers: files.map((f) => f.signer),
      transaction: receipt.transactionHash,
    });
  }
  print(
    `${bold(verb === "approve" ? "Approved" : "Revoked")} measurement ${first.measurement} (now ${statusName(status)})`,
    `  signed by  ${files.map((f) => f.signer).join(", ")}`,
    dim(`  transaction ${receipt.transactionHash}`),
  );
}

/** `obscuro auditor status MEASUREMENT`: a measurement's status and the policy's auditors. */
export async function runMeasurementStatus(
  measurement: Hex,
  options: NetworkOptions,
  _command: Command,
): Promise<void> {
  const l1 = await connect(options);
  const [status, policy] = await Promise.all([
    l1.publicClient.getMeasurementStatus({ measurement }),
    l1.publicClient.getEnclavePolicy(),
  ]);
  const result = {
    measurement,
    status: statusName(status),
    policy: l1.manifest.contracts.EnclavePolicy,
    policyVersion: policy.policyVersion,
    auditors: policy.auditors,
    threshold: policy.threshold,
  };
  if (options.json) return printJson(result);
  print(
    `${bold("Measurement")} ${measurement}: ${result.status}`,
    `  policy     ${result.policy} (version ${policy.policyVersion})`,
    `  auditors   ${policy.threshold} of ${policy.auditors.length} sign: ${policy.auditors.join(", ")}`,
  );
}
