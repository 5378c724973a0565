import type { Common } from "@ethereumjs/common";
import type { EVMMockBlockchainInterface } from "@ethereumjs/evm";
import { MerklePatriciaTrie } from "@ethereumjs/mpt";
import { Caches, CacheType } from "@ethereumjs/statemanager";
import { ValueEncoding, type DB } from "@ethereumjs/util";
import { createVM, type VM } from "@ethereumjs/vm";
import { TrackingStateManager } from "./TrackingStateManager.ts";

/** Sizes of the state manager's account, storage and code caches (entries). */
export interface StateCacheSizes {
  accounts: number;
  storageSlots: number;
  codes: number;
}

/**
 * The defaults. The caches are LRU, and ethereumjs keeps a block's writes in them until the
 * block commits, so they must hold every entry one block touches: a 60M-gas block touches at
 * most ~23k accounts (2,600 gas per cold account) and ~29k slots (2,100 per cold slot), far
 * below these sizes.
 */
export const DEFAULT_STATE_CACHE_SIZES: StateCacheSizes = { accounts: 200_000, storageSlots: 200_000, codes: 2_000 };

/** Answers `BLOCKHASH`: the hash of a recent block by number. */
export interface BlockHashSource {
  blockHash(number: bigint): Uint8Array | undefined;
}

/** The ethereumjs VM over the L2 state trie in `db`, with its state manager. */
export async function createL2Vm(
  common: Common,
  db: DB<string, Uint8Array>,
  blockHashes: BlockHashSource,
  cacheSizes: StateCacheSizes = DEFAULT_STATE_CACHE_SIZES,
): Promise<{ vm: VM; stateManager: TrackingStateManager }> {
  const trie = new MerklePatriciaTrie({ db, valueEncoding: ValueEncoding.Bytes, useKeyHashing: true, common });
  const caches = new Caches({
    account: { type: CacheType.LRU, size: cacheSizes.accounts },
    storage: { type: CacheType.LRU, size: cacheSizes.storageSlots },
    code: { type: CacheType.LRU, size: cacheSizes.codes },
  });
  const stateManager = new TrackingStateManager({ common, trie, caches });
  const vm = await createVM({ common, stateManager, blockchain: blockchainFor(blockHashes) });
  return { vm, stateManager };
}

/** What the EVM asks of a blockchain: only `BLOCKHASH`, for the last 256 blocks. */
function blockchainFor(blockHashes: BlockHashSource): EVMMockBlockchainInterface {
  const blockchain: EVMMockBlockchainInterface = {
    async getBlock(number: number) {
      const hash = blockHashes.blockHash(BigInt(number)) ?? new Uint8Array(32);
      return { hash: () => hash };
    },
    async putBlock() {},
    shallowCopy: () => blockchain,
  };
  return blockchain;
}
