import {
  bytesToHex,
  encodeFunctionData,
  toBlobSidecars,
  zeroHash,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type Transport,
  type WalletClient,
} from "viem";
import { getBlobBaseFee } from "viem/actions";
import { NO_DEPOSIT_CHECKPOINT, type DepositCheckpointHint } from "../bridge/getDepositsConsumedAt.ts";
import type { BuildRollupBlobsReturnType } from "../codec/buildRollupBlobs.ts";
import { rollupManagementAbi } from "../generated/index.ts";
import { BlobsNeedLocalAccountError } from "./errors.ts";
import type { RollupHeader } from "./rollupHeader.ts";

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
  /** Needed when deposits arrived after `header.l1BlockNumber` (see `getDepositsConsumedAt`). */
  depositCheckpoint?: DepositCheckpointHint | undefined;
  /** Needed when forking or extending a non-canonical branch: the canonical rollup after the fork point. */
  canonicalSibling?: Hex | undefined;
  /**
   * Gas limit. Default: estimated by the node. Some nodes (Hardhat's EDR) ignore the blob hashes
   * when estimating, so the estimate of a blob submission reverts there: pass a limit.
   */
  gas?: bigint | undefined;
}

/**
 * Sends a rollup to `RollupManagement.submitRollup`; returns the transaction hash.
 * @throws {BlobsNeedLocalAccountError} for blob data with an account that signs on the node.
 */
export async function submitRollup(parameters: SubmitRollupParameters): Promise<Hash> {
  const { walletClient, rollupManagement, header, signature, data } = parameters;
  const hints = {
    depositCheckpoint: parameters.depositCheckpoint ?? NO_DEPOSIT_CHECKPOINT,
    canonicalSibling: parameters.canonicalSibling ?? zeroHash,
  };
  const calldata = encodeFunctionData({
    abi: rollupManagementAbi,
    functionName: "submitRollup",
    args: [header, signature, data.kind === "calldata" ? data.payload : "0x", hints],
  });
  if (data.kind === "calldata") {
    return walletClient.sendTransaction({
      to: rollupManagement,
      data: calldata,
      ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
      chain: walletClient.chain,
      account: walletClient.account,
    });
  }
  if (walletClient.account.type !== "local") {
    throw new BlobsNeedLocalAccountError("Blob transactions need a local account.", {
      details: `account ${walletClient.account.address} is of type ${walletClient.account.type}`,
    });
  }
  const { blobs, commitments, proofs } = data.blobs;
  const maxFeePerBlobGas = data.maxFeePerBlobGas ?? (await defaultMaxFeePerBlobGas(walletClient));
  return walletClient.sendTransaction({
    to: rollupManagement,
    data: calldata,
    sidecars: toBlobSidecars({ blobs: blobs.map((blob) => bytesToHex(blob)), commitments, proofs }),
    blobVersionedHashes: data.blobs.versionedHashes,
    maxFeePerBlobGas,
    ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
    chain: walletClient.chain,
    account: walletClient.account,
  } as Parameters<typeof walletClient.sendTransaction>[0]);
}

/** Twice the blob base fee, so the transaction survives a few blocks of rising blob demand. */
async function defaultMaxFeePerBlobGas(client: WalletClient): Promise<bigint> {
  const base = await getBlobBaseFee(client);
  return base * 2n + 1n;
}
