import { bytesToHex, commitmentToVersionedHash, type Hex } from "viem";
import { bytesOf, type BytesLike } from "../crypto/bytes.ts";
import { BYTES_PER_BLOB } from "./constants.ts";
import { BlobVersionedHashMismatchError, MalformedBlobsError } from "./errors.ts";
import { getKzg } from "./getKzg.ts";

export interface AssertBlobVersionedHashesParameters {
  /** Blobs as fetched (from a beacon node's `/eth/v1/beacon/blobs/{block}`, a blob archive, a peer). */
  blobs: readonly BytesLike[];
  /** The rollup transaction's `blobVersionedHashes`, in order. */
  versionedHashes: readonly Hex[];
}

/**
 * Checks that fetched blobs are exactly the ones the rollup transaction committed to: recomputes
 * each blob's KZG commitment and versioned hash and compares, in order. Blob sources are
 * untrusted; run this before {@link decodeBlobs}. About 50 ms per blob.
 * @throws {BlobVersionedHashMismatchError} when a blob is not the one its versioned hash names, or the counts differ.
 * @throws {MalformedBlobsError} when a blob is not 131,072 bytes or not a valid blob (a field element above the BLS modulus).
 * @throws {KzgUnavailableError} when c-kzg cannot be loaded.
 */
export function assertBlobVersionedHashes({ blobs, versionedHashes }: AssertBlobVersionedHashesParameters): void {
  if (blobs.length !== versionedHashes.length)
    throw new BlobVersionedHashMismatchError("The number of blobs is not the number of versioned hashes.", {
      details: `${blobs.length} blobs, ${versionedHashes.length} versioned hashes`,
    });
  const kzg = getKzg();
  blobs.forEach((value, index) => {
    const blob = bytesOf(value);
    if (blob === undefined || blob.length !== BYTES_PER_BLOB)
      throw new MalformedBlobsError("A blob has the wrong size.", {
        details: `blob ${index}: ${blob === undefined ? "not bytes" : `${blob.length} bytes`}`,
      });
    let commitment: Uint8Array;
    try {
      commitment = kzg.blobToKzgCommitment(blob);
    } catch (cause) {
      throw new MalformedBlobsError("A blob is not a valid EIP-4844 blob.", { details: `blob ${index}`, cause });
    }
    const versionedHash = commitmentToVersionedHash({ commitment: bytesToHex(commitment) });
    if (versionedHash.toLowerCase() !== versionedHashes[index]!.toLowerCase())
      throw new BlobVersionedHashMismatchError("A blob does not match its versioned hash.", {
        details: `blob ${index}: ${versionedHash}, expected ${versionedHashes[index]}`,
      });
  });
}
