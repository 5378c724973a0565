import { commitmentToVersionedHash, hexToBytes, type Hex } from "viem";
import type { Logger } from "pino";
import { BaseError, getKzg } from "@obscuro/sdk";
import type { HostDatabase } from "../db/HostDatabase.ts";

/** A blob whose KZG commitment hashes to `versionedHash` (the enclave checks it again). */
export interface VerifiedBlob {
  versionedHash: Hex;
  blob: Uint8Array;
}

/** Asks peers for a blob the beacon node no longer serves (blobs leave L1 after about 18 days). */
export type BlobFallback = (versionedHash: Hex) => Promise<Uint8Array | undefined>;

/** A rollup's blobs could be found nowhere (the beacon node, the node's own store, its peers). */
export class BlobsUnavailableError extends BaseError {
  readonly code = "BLOBS_UNAVAILABLE";
}

export interface BlobFetcherOptions {
  /** Base URL of a beacon API (`/eth/v1/beacon/blobs/{block_id}`); anvil serves one on its RPC port. */
  beaconUrl: string;
  db: HostDatabase;
  logger: Logger;
  fallback?: BlobFallback | undefined;
}

/**
 * Gets the blobs of a rollup transaction: from the node's own store first, then from the beacon
 * API, then from peers, checking every blob against its versioned hash (a blob whose commitment
 * does not hash to it is refused, whoever served it). Found blobs are stored, so the node can serve
 * them to joining peers after L1 has pruned them.
 */
export class BlobFetcher {
  readonly #options: BlobFetcherOptions;
  readonly #log: Logger;

  constructor(options: BlobFetcherOptions) {
    this.#options = options;
    this.#log = options.logger.child({ module: "blobs" });
  }

  /**
   * The blobs with `versionedHashes`, in that order, carried by a transaction of L1 block
   * `blockId` (its hash, or on a real network the beacon block root of its slot).
   * @throws {BlobsUnavailableError} when one cannot be found or does not verify.
   */
  async fetch(blockIds: readonly string[], versionedHashes: readonly Hex[], l1Block: bigint): Promise<VerifiedBlob[]> {
    const found = new Map<Hex, VerifiedBlob>();
    for (const versionedHash of versionedHashes) {
      const stored = this.#options.db.getBlob(versionedHash);
      if (stored) found.set(versionedHash, { versionedHash, ...stored });
    }
    if (found.size < versionedHashes.length) {
      for (const blob of await this.#fromBeacon(blockIds)) this.#keep(found, versionedHashes, blob, l1Block);
    }
    for (const versionedHash of versionedHashes) {
      if (found.has(versionedHash) || !this.#options.fallback) continue;
      const blob = await this.#options.fallback(versionedHash).catch(() => undefined);
      if (blob) this.#keep(found, versionedHashes, blob, l1Block);
    }
    const missing = versionedHashes.filter((hash) => !found.has(hash));
    if (missing.length > 0) {
      throw new BlobsUnavailableError("Rollup blobs are not available.", {
        details: `missing ${missing.join(", ")} of L1 block ${l1Block}`,
      });
    }
    return versionedHashes.map((hash) => found.get(hash)!);
  }

  /** Verifies `blob` and keeps it if it is one of `wanted`. */
  #keep(found: Map<Hex, VerifiedBlob>, wanted: readonly Hex[], blob: Uint8Array, l1Block: bigint): void {
    const versionedHash = commitmentToVersionedHash({ commitment: getKzg().blobToKzgCommitment(blob), to: "hex" });
    if (!wanted.includes(versionedHash) || found.has(versionedHash)) return;
    const verified: VerifiedBlob = { versionedHash, blob };
    this.#options.db.putBlob({ ...verified, l1Block });
    found.set(versionedHash, verified);
  }

  async #fromBeacon(blockIds: readonly string[]): Promise<Uint8Array[]> {
    for (const blockId of blockIds) {
      const url = `${this.#options.beaconUrl.replace(/\/$/, "")}/eth/v1/beacon/blobs/${blockId}`;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) continue;
        const body = (await response.json()) as { data?: unknown };
        if (!Array.isArray(body.data)) continue;
        return body.data.filter((item): item is Hex => typeof item === "string").map((item) => hexToBytes(item));
      } catch (error) {
        this.#log.debug({ url, err: (error as Error).message }, "beacon API request failed");
      }
    }
    return [];
  }
}
