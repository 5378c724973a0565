import { bytesToHex, commitmentToVersionedHash, type Hex } from "viem";
import type { BytesLike } from "../crypto/bytes.ts";
import { computeBlobDataHash } from "./computeBlobDataHash.ts";
import { encodeBlobs } from "./encodeBlobs.ts";
import { getKzg } from "./getKzg.ts";

export interface BuildRollupBlobsParameters {
  /** The rollup payload ({@link encodeRollupPayload}), at most {@link MAX_BLOB_PAYLOAD_BYTES}. */
  payload: BytesLike;
  /**
   * Also compute the 128 cell proofs per blob (EIP-7594) that an Osaka network wrapper carries
   * instead of the blob proof. About 350 ms per blob. Default `false`.
   */
  cellProofs?: boolean | undefined;
}

/** Everything a blob transaction carrying a rollup needs. */
export interface BuildRollupBlobsReturnType {
  /** The blobs ({@link encodeBlobs}), each 131,072 bytes. */
  blobs: Uint8Array[];
  /** KZG commitment of each blob (48 bytes). */
  commitments: Hex[];
  /** KZG blob proof of each blob (48 bytes; the EIP-4844 network wrapper). */
  proofs: Hex[];
  /** Versioned hash of each blob: `0x01 || sha256(commitment)[1:]`, what `blobhash(i)` returns. */
  versionedHashes: Hex[];
  /** The header's `dataHash`: `keccak256(versionedHashes concatenated)`. */
  dataHash: Hex;
  /** With `cellProofs: true`: the 128 cell proofs of each blob. */
  cellProofs?: Hex[][];
}

/**
 * Encodes a payload into blobs and computes their KZG commitments, proofs, versioned hashes and
 * the `dataHash` of the rollup header, with the shared {@link getKzg} instance. KZG work is
 * synchronous native code: about 50 ms per blob for the commitment and 50 ms for the proof.
 * @throws {BlobPayloadTooLargeError} when the payload does not fit in 6 blobs.
 * @throws {KzgUnavailableError} when c-kzg cannot be loaded.
 */
export function buildRollupBlobs({
  payload,
  cellProofs = false,
}: BuildRollupBlobsParameters): BuildRollupBlobsReturnType {
  const kzg = getKzg();
  const blobs = encodeBlobs({ payload });
  const commitmentBytes = blobs.map((blob) => kzg.blobToKzgCommitment(blob));
  const commitments = commitmentBytes.map((commitment) => bytesToHex(commitment));
  const proofs = blobs.map((blob, i) => bytesToHex(kzg.computeBlobKzgProof(blob, commitmentBytes[i]!)));
  const versionedHashes = commitments.map((commitment) => commitmentToVersionedHash({ commitment }));
  const result: BuildRollupBlobsReturnType = {
    blobs,
    commitments,
    proofs,
    versionedHashes,
    dataHash: computeBlobDataHash(versionedHashes),
  };
  if (cellProofs)
    result.cellProofs = blobs.map((blob) => kzg.computeCellsAndKzgProofs(blob)[1].map((p) => bytesToHex(p)));
  return result;
}
