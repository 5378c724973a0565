import { concatHex, keccak256, size, type Hex } from "viem";
import { MAX_BLOBS_PER_TRANSACTION, VERSIONED_HASH_VERSION_KZG } from "./constants.ts";
import { InvalidVersionedHashError } from "./errors.ts";

/**
 * The rollup header's `dataHash` in blob mode: `keccak256(h0 || h1 || … || hk)` over the 32-byte
 * versioned hashes in transaction order. A contract computes the same from `blobhash(0..k)`, e.g.
 * `keccak256(abi.encodePacked(hashes))` over a `bytes32[]` (packed `bytes32` elements are their
 * 32 bytes, so the result is this concatenation).
 * @throws {InvalidVersionedHashError} for an empty list, more than 6 hashes, or a hash that is not 32 bytes with version `0x01`.
 */
export function computeBlobDataHash(versionedHashes: readonly Hex[]): Hex {
  if (versionedHashes.length === 0 || versionedHashes.length > MAX_BLOBS_PER_TRANSACTION)
    throw new InvalidVersionedHashError("A rollup carries between 1 and 6 blobs.", {
      details: `got ${versionedHashes.length} versioned hashes`,
    });
  versionedHashes.forEach((hash, index) => {
    if (typeof hash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(hash) || size(hash) !== 32)
      throw new InvalidVersionedHashError("A versioned hash is not 32 bytes.", { details: `hash ${index}` });
    if (Number.parseInt(hash.slice(2, 4), 16) !== VERSIONED_HASH_VERSION_KZG)
      throw new InvalidVersionedHashError("A versioned hash does not have the KZG version 0x01.", {
        details: `hash ${index}: ${hash}`,
      });
  });
  return keccak256(concatHex(versionedHashes as Hex[]));
}
