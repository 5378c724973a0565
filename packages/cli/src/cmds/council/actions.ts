import {
  bridgeManagementAbi,
  enclavePolicyAbi,
  getCouncilTransactionTypedData,
  rollupManagementAbi,
  type DeploymentManifest,
  type PublicActionsObscuroL1,
} from "@obscuro/sdk";
import { InvalidArgumentError } from "commander";
import {
  encodeFunctionData,
  getAddress,
  isAddress,
  isHex,
  recoverTypedDataAddress,
  type Address,
  type Hex,
} from "viem";
import { usageError } from "../../util/errors.ts";
import { readJsonFile } from "../../util/files.ts";
import { formatDuration, parseBytes32, parseDuration, parseUint } from "../../util/format.ts";

/*
 * The council's emergency powers, as the Safe calls them, and the files its owners sign them in.
 * An owner signs, offline if need be, the Safe transaction (EIP-712 `SafeTx`) of one action at the
 * Safe's current nonce; anyone collects `threshold` of those files and executes them. The file
 * repeats the action in words so that an owner can read what they are signing.
 */

/** The council's actions, by their command-line name. */
export const COUNCIL_ACTIONS = {
  pause: { argument: "duration", description: "pause deposits and withdrawals (at most 30 days; ends by itself)" },
  unpause: { argument: undefined, description: "end a pause early" },
  "declare-breach": { argument: undefined, description: "declare a breach: every epoch key may be disclosed at once" },
  "order-disclosure": { argument: "epoch", description: "order the disclosure of an epoch key" },
  freeze: { argument: "rollup-hash", description: "freeze the bridge on a canonical rollup (exit mode, for good)" },
  revoke: { argument: "measurement", description: "revoke an enclave measurement, for ever" },
} as const;

export type CouncilActionName = keyof typeof COUNCIL_ACTIONS;

/** One council action: what the Safe calls. */
export interface CouncilCall {
  action: CouncilActionName;
  /** The argument as given (`86400`, an epoch, a hash), normalized; undefined for none. */
  argument: string | undefined;
  /** In words, for the file and the output. */
  summary: string;
  contractName: string;
  functionName: string;
  to: Address;
  data: Hex;
}

/**
 * The Safe's call for an action and its argument.
 * @throws {CliError} `COUNCIL_ACTION` for an unknown action or a missing or malformed argument (exit 2).
 */
export async function councilCall(
  action: string,
  argument: string | undefined,
  manifest: DeploymentManifest,
  reader: Pick<PublicActionsObscuroL1, "getSubmittedRollup"> | undefined,
): Promise<CouncilCall> {
  if (!(action in COUNCIL_ACTIONS)) {
    throw usageError("COUNCIL_ACTION", `${action} is not a council action.`, {
      details: `the council can: ${Object.keys(COUNCIL_ACTIONS).join(", ")}`,
    });
  }
  const name = action as CouncilActionName;
  const expected = COUNCIL_ACTIONS[name].argument;
  if (expected && argument === undefined) {
    throw usageError("COUNCIL_ACTION", `council ${name} needs its ${expected}.`);
  }
  if (!expected && argument !== undefined) {
    throw usageError("COUNCIL_ACTION", `council ${name} takes no argument.`);
  }
  const parse = <T>(parser: (value: string) => T): T => {
    try {
      return parser(argument!);
    } catch (error) {
      const reason = error instanceof InvalidArgumentError ? error.message : String(error);
      throw usageError("COUNCIL_ACTION", `The ${expected} of council ${name} is wrong: ${argument} is ${reason}`);
    }
  };
  const { BridgeManagement: bridge, RollupManagement: rollups, EnclavePolicy: policy } = manifest.contracts;
  switch (name) {
    case "pause": {
      const duration = parse(parseDuration);
      return {
        action: name,
        argument: duration.toString(),
        summary: `pause the bridge for ${formatDuration(duration)}`,
        contractName: "BridgeManagement",
        functionName: "pause",
        to: bridge,
        data: encodeFunctionData({ abi: bridgeManagementAbi, functionName: "pause", args: [duration] }),
      };
    }
    case "unpause":
      return {
        action: name,
        argument: undefined,
        summary: "unpause the bridge",
        contractName: "BridgeManagement",
        functionName: "unpause",
        to: bridge,
        data: encodeFunctionData({ abi: bridgeManagementAbi, functionName: "unpause", args: [] }),
      };
    case "declare-breach":
      return {
        action: name,
        argument: undefined,
        summary: "declare a breach",
        contractName: "RollupManagement",
        functionName: "declareBreach",
        to: rollups,
        data: encodeFunctionData({ abi: rollupManagementAbi, functionName: "declareBreach", args: [] }),
      };
    case "order-disclosure": {
      const epoch = parse(parseUint);
      if (epoch >= 2n ** 32n) throw usageError("COUNCIL_ACTION", `Key epoch ${epoch} does not fit 32 bits.`);
      return {
        action: name,
        argument: epoch.toString(),
        summary: `order the disclosure of the key of epoch ${epoch}`,
        contractName: "RollupManagement",
        functionName: "orderKeyDisclosure",
        to: rollups,
        data: encodeFunctionData({
          abi: rollupManagementAbi,
          functionName: "orderKeyDisclosure",
          args: [Number(epoch)],
        }),
      };
    }
    case "freeze": {
      const rollupHash = parse(parseBytes32);
      if (!reader) {
        throw usageError("RPC_REQUIRED", "Signing a freeze reads the rollup's header from L1: pass --rpc URL.");
      }
      const { header } = await reader.getSubmittedRollup({ rollupHash });
      return {
        action: name,
        argument: rollupHash,
        summary: `freeze the bridge on rollup #${header.number} ${rollupHash} (exit mode)`,
        contractName: "BridgeManagement",
        functionName: "freeze",
        to: bridge,
        data: encodeFunctionData({ abi: bridgeManagementAbi, functionName: "freeze", args: [header] }),
      };
    }
    case "revoke": {
      const measurement = parse(parseBytes32);
      return {
        action: name,
        argument: measurement,
        summary: `revoke measurement ${measurement} for ever`,
        contractName: "EnclavePolicy",
        functionName: "revokeMeasurementByCouncil",
        to: policy,
        data: encodeFunctionData({
          abi: enclavePolicyAbi,
          functionName: "revokeMeasurementByCouncil",
          args: [measurement],
        }),
      };
    }
  }
}

/** What `obscuro council sign` writes. */
export const COUNCIL_FILE_TYPE = "obscuro/council-signature";

export interface CouncilSignatureFile {
  type: typeof COUNCIL_FILE_TYPE;
  version: 1;
  chainId: number;
  /** The council Safe. */
  safe: Address;
  /** The Safe's nonce the signature is for. */
  nonce: bigint;
  action: CouncilActionName;
  argument: string | undefined;
  summary: string;
  to: Address;
  data: Hex;
  signer: Address;
  signature: Hex;
}

/**
 * Reads a council signature file and checks its signature is its signer's over its Safe transaction.
 * @throws {CliError} `COUNCIL_FILE` / `COUNCIL_SIGNATURE` otherwise (exit 2).
 */
export async function readCouncilFile(path: string): Promise<CouncilSignatureFile> {
  const raw = await readJsonFile(path);
  const fail = (what: string): never => {
    throw usageError("COUNCIL_FILE", `${path} is not a council signature: ${what}.`);
  };
  if (raw.type !== COUNCIL_FILE_TYPE || raw.version !== 1) fail(`its type is not ${COUNCIL_FILE_TYPE} version 1`);
  const address = (value: unknown, what: string) =>
    typeof value === "string" && isAddress(value, { strict: false })
      ? getAddress(value)
      : fail(`${what} is not an address`);
  if (typeof raw.chainId !== "number" || !Number.isSafeInteger(raw.chainId)) fail("chainId is not a number");
  if (typeof raw.nonce !== "string" || !/^\d+$/.test(raw.nonce)) fail("nonce is not a decimal string");
  if (typeof raw.action !== "string" || !(raw.action in COUNCIL_ACTIONS)) fail("action is not a council action");
  if (!isHex(raw.data)) fail("data is not hex");
  if (!isHex(raw.signature) || raw.signature.length !== 132) fail("signature is not 65 bytes of hex");
  const file: CouncilSignatureFile = {
    type: COUNCIL_FILE_TYPE,
    version: 1,
    chainId: raw.chainId as number,
    safe: address(raw.safe, "safe"),
    nonce: BigInt(raw.nonce as string),
    action: raw.action as CouncilActionName,
    argument: typeof raw.argument === "string" ? raw.argument : undefined,
    summary: typeof raw.summary === "string" ? raw.summary : String(raw.action),
    to: address(raw.to, "to"),
    data: (raw.data as Hex).toLowerCase() as Hex,
    signer: address(raw.signer, "signer"),
    signature: raw.signature as Hex,
  };
  let recovered: Address | undefined;
  try {
    recovered = await recoverTypedDataAddress({ ...getCouncilTransactionTypedData(file), signature: file.signature });
  } catch {
    recovered = undefined;
  }
  if (!recovered || getAddress(recovered) !== file.signer) {
    throw usageError(
      "COUNCIL_SIGNATURE",
      `The signature in ${path} is not ${file.signer}'s over its Safe transaction.`,
      {
        details: "the file was changed after signing, or signed by another key",
      },
    );
  }
  return file;
}
