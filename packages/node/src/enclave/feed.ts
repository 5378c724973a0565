import { bytesToHex } from "viem";
import type { z } from "zod";
import type { enclaveProtocol } from "@obscuro/enclave/rpc";
import type { FollowedL1Block } from "../l1/L1Follower.ts";

/** The parameters of the enclave's `feedL1Block`. */
export type FeedL1BlockInput = z.input<(typeof enclaveProtocol)["feedL1Block"]["params"]>;

/** What the follower collected of one L1 block, as the enclave's `feedL1Block` takes it. */
export function toFeed(block: FollowedL1Block): FeedL1BlockInput {
  return {
    header: block.header as never,
    ...(block.receipts ? { receipts: block.receipts as never } : {}),
    rollups: block.rollups.map((rollup) => ({
      transactionHash: rollup.transactionHash,
      input: rollup.input,
      blobs: rollup.blobs.map((b) => ({ versionedHash: b.versionedHash, blob: bytesToHex(b.blob) })),
    })),
  };
}
