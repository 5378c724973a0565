import {
  bytesToHex,
  toBlobSidecars,
  zeroHash,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type Transport,
} from "viem";
import { getBlobBaseFee } from "viem/actions";
import type { BuildRollupBlobsReturnType } from "../../codec/buildRollupBlobs.ts";
import type { DepositCheckpointNotFoundError } from "../../errors/bridge.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { DepositCheckpointHint } from "../../types/bridge.ts";
import type { RollupHeader } from "../../types/rollup.ts";
import { getDepositsConsumedAtBlock } from "../../utils/getDepositsConsumedAtBlock.ts";
import { getProtocolAddress } from "../../utils/getProtocolAddress.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

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

export interface SubmitRollupParameters extends TransactionOverrides {
  header: RollupHeader;
  /** The enclave's signature over the header (`signRollupHeader`). */
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
   * Simulate the submission against the pending block first (default). Turn it off only for blob
   * submissions on a node whose `eth_call` ignores blob hashes (Hardhat's EDR), where every
   * simulated blob submission reverts with `RollupManagement_NoData`; then pass `gas`.
   */
  simulate?: boolean | undefined;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
  /** Where the default deposit checkpoint hint is read. Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type SubmitRollupReturnType = Hash;

export type SubmitRollupErrorType =
  DepositCheckpointNotFoundError | ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Sends a rollup to `RollupManagement.submitRollup`, from the operator of the header's enclave,
 * after simulating it on the pending block (with the blobs' versioned hashes, so that `blobhash`
 * sees them): the node's estimate is the gas limit sent.
 * @throws {BlobsNeedLocalAccountError} for blob data with an account that signs on the node.
 * @throws {ContractCallRevertedError} when the submission would revert, wherever it was refused
 *   (`RollupManagement_UnknownParent`, `NetworkManagement_NotOperator`,
 *   `BridgeManagement_DepositMismatch`, …); nothing is sent (unless `simulate` is false).
 * @example
 * const { signature } = await signRollupHeader({ header, chainId, rollupManagement, enclavePrivateKey });
 * await submitRollup(operatorClient, { header, signature, data: { kind: "blobs", blobs: buildRollupBlobs({ payload }) } });
 */
export async function submitRollup(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SubmitRollupParameters,
): Promise<SubmitRollupReturnType> {
  const {
    header,
    signature,
    data,
    depositCheckpoint,
    canonicalSibling,
    rollupManagementAddress,
    bridgeManagementAddress,
    ...overrides
  } = parameters;
  const call = protocolCall(client, "rollupManagement", rollupManagementAddress);
  const hints = {
    depositCheckpoint:
      depositCheckpoint ??
      (
        await getDepositsConsumedAtBlock(
          client,
          getProtocolAddress(client, "bridgeManagement", bridgeManagementAddress),
          header.l1BlockNumber,
        )
      ).checkpoint,
    canonicalSibling: canonicalSibling ?? zeroHash,
  };
  return sendProtocolTransaction(client, {
    ...overrides,
    ...call,
    functionName: "submitRollup",
    args: [header, signature, data.kind === "calldata" ? data.payload : "0x", hints],
    ...(data.kind === "blobs"
      ? {
          blobs: {
            sidecars: toBlobSidecars({
              blobs: data.blobs.blobs.map((blob) => bytesToHex(blob)),
              commitments: data.blobs.commitments,
              proofs: data.blobs.proofs,
            }),
            versionedHashes: data.blobs.versionedHashes,
            maxFeePerBlobGas: data.maxFeePerBlobGas ?? (await getBlobBaseFee(client)) * 2n + 1n,
          },
        }
      : {}),
  });
}
