import { getMeasurementTypedData, type MeasurementStatement } from "@obscuro/sdk";
import { getAddress, isAddress, isHex, recoverTypedDataAddress, type Address, type Hex } from "viem";
import { usageError } from "../../util/errors.ts";
import { readJsonFile } from "../../util/files.ts";

/*
 * An auditor's statement travels as a file: the EIP-712 statement an auditor signed
 * (`ApproveMeasurement` or `RevokeMeasurement` over a measurement, the policy version and a
 * deadline, in the domain of one EnclavePolicy on one chain) with the signature and its signer.
 * Anyone collects `threshold` of them and submits them; nothing in the file is secret.
 */

/** What `obscuro auditor sign` writes. */
export const STATEMENT_FILE_TYPE = "obscuro/auditor-statement";

export interface StatementFile {
  type: typeof STATEMENT_FILE_TYPE;
  version: 1;
  statement: MeasurementStatement;
  chainId: number;
  enclavePolicy: Address;
  measurement: Hex;
  policyVersion: bigint;
  /** Unix seconds after which the signature no longer counts. */
  deadline: bigint;
  signer: Address;
  signature: Hex;
}

/**
 * Reads a statement file and checks its signature is its signer's over its statement.
 * @throws {CliError} `STATEMENT_FILE` for anything else (exit 2).
 */
export async function readStatementFile(path: string): Promise<StatementFile> {
  const raw = await readJsonFile(path);
  const fail = (what: string): never => {
    throw usageError("STATEMENT_FILE", `${path} is not an auditor statement: ${what}.`);
  };
  if (raw.type !== STATEMENT_FILE_TYPE || raw.version !== 1) fail(`its type is not ${STATEMENT_FILE_TYPE} version 1`);
  if (raw.statement !== "ApproveMeasurement" && raw.statement !== "RevokeMeasurement") fail("unknown statement");
  const uint = (value: unknown, what: string) =>
    typeof value === "string" && /^\d+$/.test(value) ? BigInt(value) : fail(`${what} is not a decimal string`);
  const address = (value: unknown, what: string) =>
    typeof value === "string" && isAddress(value, { strict: false })
      ? getAddress(value)
      : fail(`${what} is not an address`);
  if (typeof raw.chainId !== "number" || !Number.isSafeInteger(raw.chainId)) fail("chainId is not a number");
  if (!isHex(raw.measurement) || raw.measurement.length !== 66) fail("measurement is not 32 bytes of hex");
  if (!isHex(raw.signature) || raw.signature.length !== 132) fail("signature is not 65 bytes of hex");
  const file: StatementFile = {
    type: STATEMENT_FILE_TYPE,
    version: 1,
    statement: raw.statement as MeasurementStatement,
    chainId: raw.chainId as number,
    enclavePolicy: address(raw.enclavePolicy, "enclavePolicy"),
    measurement: (raw.measurement as Hex).toLowerCase() as Hex,
    policyVersion: uint(raw.policyVersion, "policyVersion"),
    deadline: uint(raw.deadline, "deadline"),
    signer: address(raw.signer, "signer"),
    signature: raw.signature as Hex,
  };
  let recovered: Address | undefined;
  try {
    recovered = await recoverTypedDataAddress({
      ...getMeasurementTypedData({
        statement: file.statement,
        chainId: file.chainId,
        policy: file.enclavePolicy,
        measurement: file.measurement,
        policyVersion: file.policyVersion,
        deadline: file.deadline,
      }),
      signature: file.signature,
    });
  } catch {
    recovered = undefined;
  }
  if (!recovered || getAddress(recovered) !== file.signer) {
    throw usageError("STATEMENT_SIGNATURE", `The signature in ${path} is not ${file.signer}'s over its statement.`, {
      details: "the file was changed after signing, or signed by another key",
    });
  }
  return file;
}
