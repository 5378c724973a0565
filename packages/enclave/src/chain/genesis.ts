import type { BlockHeader } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { Account, Address } from "@ethereumjs/util";
import { l2BridgeDeployedBytecode } from "@obscuro/sdk";
import { hexToBytes, zeroAddress, zeroHash } from "viem";
import { BLOCK_GAS_LIMIT, GENESIS_BASE_FEE, L2_BRIDGE_ADDRESS } from "./constants.ts";
import { EMPTY_TRIE_ROOT } from "./execution/orderedTrieRoot.ts";
import { buildHeader } from "./execution/header.ts";
import type { TrackingStateManager } from "./state/TrackingStateManager.ts";

/**
 * Writes the genesis state: the L2 bridge's runtime code at its predeploy address (nonce 1, as
 * a contract created after EIP-161; no storage: it has no constructor to run). Nothing else:
 * every other balance arrives by deposit. Returns the state root.
 */
export async function writeGenesisState(state: TrackingStateManager): Promise<Uint8Array> {
  const bridge = new Address(hexToBytes(L2_BRIDGE_ADDRESS));
  await state.putAccount(bridge, new Account(1n));
  await state.putCode(bridge, hexToBytes(l2BridgeDeployedBytecode));
  await state.checkpoint();
  await state.commit();
  state.takeTouched();
  return state.getStateRoot();
}

/** Block 0: the genesis state, no transactions, the initial base fee, no L1 block. */
export function genesisHeader(stateRoot: Uint8Array, timestamp: bigint, common: Common): BlockHeader {
  return buildHeader(
    {
      parentHash: hexToBytes(zeroHash),
      coinbase: hexToBytes(zeroAddress),
      stateRoot,
      transactionsRoot: EMPTY_TRIE_ROOT,
      receiptsRoot: EMPTY_TRIE_ROOT,
      logsBloom: new Uint8Array(256),
      number: 0n,
      gasLimit: BLOCK_GAS_LIMIT,
      gasUsed: 0n,
      timestamp,
      baseFeePerGas: GENESIS_BASE_FEE,
      l1BlockNumber: 0n,
      l1BlockHash: hexToBytes(zeroHash),
    },
    common,
  );
}
