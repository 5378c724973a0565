import {
  BaseError as ViemBaseError,
  bytesToHex,
  decodeErrorResult,
  encodeFunctionData,
  hexToBigInt,
  isHex,
  toBlobSidecars,
  toHex,
  zeroHash,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type Transport,
  type WalletClient,
} from "viem";
import { getBlobBaseFee, readContract } from "viem/actions";
import { getDepositsConsumedAt, type DepositCheckpointHint } from "../bridge/getDepositsConsumedAt.ts";
import type { BuildRollupBlobsReturnType } from "../codec/buildRollupBlobs.ts";
import {
  bridgeManagementAbi,
  enclavePolicyAbi,
  networkManagementAbi,
  rollupManagementAbi,
} from "../generated/index.ts";
import { BlobsNeedLocalAccountError, RollupCallRevertedError } from "./errors.ts";
import type { RollupHeader } from "./rollupHeader.ts";

/**
 * RollupManagement's errors plus those of the modules a submission calls (NetworkManagement, its
 * EnclavePolicy, BridgeManagement), so that a revert is decoded wherever it was raised.
 */
const ROLLUP_CALL_ABI = [
  ...rollupManagementAbi,
  ...[...networkManagementAbi, ...enclavePolicyAbi, ...bridgeManagementAbi].filter((item) => item.type === "error"),
] as Abi;

/** Where the rollup's encrypted payload goes: EIP-4844 blobs, or calldata as a fallback. */
export type RollupData =
  | {
      kind: "blobs";
      /** From `buildRollupBlobs`; `header.dataHash` must be its `dataHash`. */
      blobs: BuildRollupBlobsReturnType;
      /** Cap on the blob base fee; default: twice the current blob base fee, plus one wei. */
      maxFeePerBlobGas?: bigint | undefined;
    }
  | {
      kind: "calldata";
      /** The encoded payload; `header.dataHash` must be its keccak256. */
      payload: Hex;
    };

export interface SubmitRollupParameters {
  /** The aggregator's operator account (the enclave's registered operator). */
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  rollupManagement: Address;
  header: RollupHeader;
  /** The enclave's signature over the header ({@link signRollupHeader}). */
  signature: Hex;
  data: RollupData;
  /**
   * The deposit checkpoint hint (see `getDepositsConsumedAt`). Default: read from the bridge just
   * before sending, so it is always sent and a deposit landing ahead of the rollup cannot make it
   * revert.
   */
  depositCheckpoint?: DepositCheckpointHint | undefined;
  /** Needed when forking or extending a non-canonical branch: the canonical rollup after the fork point. */
  canonicalSibling?: Hex | undefined;
  /**
   * Gas limit. Default: estimated by the node. Some nodes (Hardhat's EDR) ignore the blob hashes
   * when estimating, so the estimate of a blob submission reverts there: pass a limit.
   */
  gas?: bigint | undefined;
  /**
   * Simulate the submission against the pending block first and throw a
   * {@link RollupCallRevertedError} instead of sending a failing transaction. Default: true. Turn it
   * off only for blob submissions on a node whose `eth_call` ignores blob hashes (Hardhat's EDR):
   * there every simulated blob submission reverts with `RollupManagement_NoData`.
   */
  simulate?: boolean | undefined;
}

/**
 * Sends a rollup to `RollupManagement.submitRollup` after simulating it against the pending block
 * (with the blobs' versioned hashes, so `blobhash` sees them); returns the transaction hash.
 * @throws {BlobsNeedLocalAccountError} for blob data with an account that signs on the node.
 * @throws {RollupCallRevertedError} when the submission would revert; nothing is sent (unless
 *   `simulate` is false).
 */
export async function submitRollup(parameters: SubmitRollupParameters): Promise<Hash> {
  const { walletClient, rollupManagement, header, signature, data } = parameters;
  const hints = {
    depositCheckpoint:
      parameters.depositCheckpoint ??
      (await readDepositCheckpoint(walletClient, rollupManagement, header.l1BlockNumber)),
    canonicalSibling: parameters.canonicalSibling ?? zeroHash,
  };
  const calldata = encodeFunctionData({
    abi: rollupManagementAbi,
    functionName: "submitRollup",
    args: [header, signature, data.kind === "calldata" ? data.payload : "0x", hints],
  });
  if (data.kind === "blobs" && walletClient.account.type !== "local") {
    throw new BlobsNeedLocalAccountError("Blob transactions need a local account.", {
      details: `account ${walletClient.account.address} is of type ${walletClient.account.type}`,
    });
  }
  const maxFeePerBlobGas =
    data.kind === "blobs" ? (data.maxFeePerBlobGas ?? (await defaultMaxFeePerBlobGas(walletClient))) : 0n;
  let gas = parameters.gas;
  if (parameters.simulate ?? true) {
    const blobs = data.kind === "blobs" ? { versionedHashes: data.blobs.versionedHashes, maxFeePerBlobGas } : undefined;
    gas = await simulateSubmission(walletClient, rollupManagement, calldata, blobs, gas);
  }
  if (data.kind === "calldata") {
    return walletClient.sendTransaction({
      to: rollupManagement,
      data: calldata,
      ...(gas === undefined ? {} : { gas }),
      chain: walletClient.chain,
      account: walletClient.account,
    });
  }
  const { blobs, commitments, proofs } = data.blobs;
  return walletClient.sendTransaction({
    to: rollupManagement,
    data: calldata,
    sidecars: toBlobSidecars({ blobs: blobs.map((blob) => bytesToHex(blob)), commitments, proofs }),
    blobVersionedHashes: data.blobs.versionedHashes,
    maxFeePerBlobGas,
    ...(gas === undefined ? {} : { gas }),
    chain: walletClient.chain,
    account: walletClient.account,
  } as Parameters<typeof walletClient.sendTransaction>[0]);
}

/**
 * Runs the submission on the pending block and returns the gas limit to send it with: the node's
 * estimate (`eth_estimateGas`, which fails exactly when the call reverts), or, when a limit is
 * given, that limit after an `eth_call` with it. Raw requests, because viem's actions drop
 * `blobVersionedHashes` on chains without blob formatters, and `blobhash` would then read zero.
 */
async function simulateSubmission(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  rollupManagement: Address,
  calldata: Hex,
  blobs: { versionedHashes: readonly Hex[]; maxFeePerBlobGas: bigint } | undefined,
  gas: bigint | undefined,
): Promise<bigint> {
  const request = {
    from: walletClient.account.address,
    to: rollupManagement,
    data: calldata,
    ...(gas === undefined ? {} : { gas: toHex(gas) }),
    ...(blobs === undefined
      ? {}
      : { blobVersionedHashes: blobs.versionedHashes, maxFeePerBlobGas: toHex(blobs.maxFeePerBlobGas) }),
  };
  try {
    if (gas !== undefined) {
      await walletClient.request({ method: "eth_call", params: [request, "pending"] } as never);
      return gas;
    }
    const estimate: Hex = await walletClient.request({
      method: "eth_estimateGas",
      params: [request, "pending"],
    } as never);
    return hexToBigInt(estimate);
  } catch (cause) {
    throw toRollupCallError(cause);
  }
}

/** Turns a revert carrying a custom error into a {@link RollupCallRevertedError}; other errors pass through. */
function toRollupCallError(cause: unknown): unknown {
  if (!(cause instanceof ViemBaseError)) return cause;
  const carrier = cause.walk((e) => isHex((e as { data?: unknown }).data)) as { data?: Hex } | null;
  const revertData = carrier?.data;
  if (revertData === undefined || revertData.length < 10) return cause;
  let decoded: { errorName: string; args: readonly unknown[] | undefined } | undefined;
  try {
    decoded = decodeErrorResult({ abi: ROLLUP_CALL_ABI, data: revertData });
  } catch {
    decoded = undefined;
  }
  return new RollupCallRevertedError(
    `RollupManagement.submitRollup would revert${decoded ? ` with ${decoded.errorName}` : ""}.`,
    {
      cause,
      errorName: decoded?.errorName,
      args: decoded?.args ?? [],
      details: decoded ? undefined : `undecoded revert data ${revertData.slice(0, 74)}`,
    },
  );
}

/** The checkpoint hint for a rollup built on `l1BlockNumber`, from the bridge RollupManagement checks deposits with. */
async function readDepositCheckpoint(
  client: WalletClient,
  rollupManagement: Address,
  l1BlockNumber: bigint,
): Promise<DepositCheckpointHint> {
  const bridge = await readContract(client, {
    address: rollupManagement,
    abi: rollupManagementAbi,
    functionName: "bridgeManagement",
  });
  return (await getDepositsConsumedAt({ publicClient: client, bridge, l1BlockNumber })).checkpoint;
}

/** Twice the blob base fee, so the transaction survives a few blocks of rising blob demand. */
async function defaultMaxFeePerBlobGas(client: WalletClient): Promise<bigint> {
  const base = await getBlobBaseFee(client);
  return base * 2n + 1n;
}
