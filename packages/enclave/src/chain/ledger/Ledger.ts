import { RLP } from "@ethereumjs/rlp";
import { bigIntToUnpaddedBytes, bytesToBigInt, bytesToInt, intToBytes } from "@ethereumjs/util";
import { AssetKind, type BalanceLeaf } from "@obscuro/sdk";
import { bytesToHex, type Address, type Hex } from "viem";
import { L2_BRIDGE_ADDRESS, L2_SYSTEM_ADDRESS } from "../constants.ts";
import type { ExecutedReceipt } from "../execution/encoding.ts";
import { LedgerEntryNotFoundError } from "../errors.ts";
import { Table, type SealedStore, type StoreBatch } from "../storage/SealedStore.ts";
import type { BalanceProof, L2Withdrawal } from "../types.ts";
import { readLedgerEvent, type WrappedToken } from "./bridgeLogs.ts";
import { entryLeafHash, ethKey, fungibleKey, leafKey, nftKey, toLeaf } from "./ledgerKeys.ts";
import { LedgerTree } from "./ledgerTree.ts";

/** Accounts whose ETH is outside the ledger: the system address and the bridge (withdrawn ETH is burned). */
const EXCLUDED = new Set([L2_SYSTEM_ADDRESS.toLowerCase(), L2_BRIDGE_ADDRESS.toLowerCase()]);

/** A block's effect on the ledger. */
export interface LedgerEffects {
  /** New values by entry key (undefined: the entry is gone). */
  changes: Map<string, Uint8Array | undefined>;
  withdrawals: L2Withdrawal[];
  tokens: WrappedToken[];
}

/** What undoes a block's changes: each changed entry's value before it (undefined: absent). */
export type LedgerUndo = [key: string, before: Uint8Array | undefined][];

/**
 * The ledger of exit mode: one entry per (account, fungible asset) with a balance and per
 * ERC721 token on L2, whose tree root is a rollup's `stateRoot` (docs/l2-chain.md, "Ledger").
 * Kept incrementally from each block: the ETH balances of the accounts the block wrote, and the
 * `Transfer` events of the bridge's wrapped tokens; never by scanning the state. The tree is
 * rebuilt from the entries' leaf hashes when a root is asked for after a change; leaf hashes
 * are kept between roots, so only changed entries are hashed again.
 */
export class Ledger {
  readonly #entries: Map<string, Uint8Array>;
  /**
   * Leaf hashes of the entries, kept so a root only hashes the entries changed since the last
   * one (an account active in every block is hashed once per root, not once per block).
   */
  readonly #leafHashes = new Map<string, Uint8Array>();
  /** Wrapped tokens by L2 address (lowercase hex, no prefix). */
  readonly #tokens: Map<string, WrappedToken>;
  #dirty = new Set<string>();
  #newTokens: WrappedToken[] = [];
  #tree: LedgerTree | undefined;

  private constructor(entries: Map<string, Uint8Array>, tokens: Map<string, WrappedToken>) {
    this.#entries = entries;
    this.#tokens = tokens;
  }

  static empty(): Ledger {
    return new Ledger(new Map(), new Map());
  }

  /** The ledger as last flushed. */
  static async load(store: SealedStore): Promise<Ledger> {
    const entries = new Map<string, Uint8Array>();
    for await (const value of store.values(Table.Ledger)) {
      const [key, amount] = RLP.decode(value) as Uint8Array[];
      entries.set(Buffer.from(key!).toString("hex"), amount!);
    }
    const tokens = new Map<string, WrappedToken>();
    for await (const value of store.values(Table.WrappedTokens)) {
      const [address, kind, l1Token] = RLP.decode(value) as Uint8Array[];
      tokens.set(Buffer.from(address!).toString("hex"), {
        address: address!,
        kind: bytesToInt(kind!) as AssetKind,
        l1Token: l1Token!,
      });
    }
    return new Ledger(entries, tokens);
  }

  /**
   * A block's effects, without applying them: `ethBalances` are the ETH balances after the block
   * of the accounts it wrote (lowercase `0x` addresses → big-endian bytes without leading zeros,
   * empty for zero); `receipts` and `transactionHashes` its receipts and transaction hashes, in
   * order.
   */
  effects(
    blockNumber: bigint,
    receipts: readonly ExecutedReceipt[],
    transactionHashes: readonly Uint8Array[],
    ethBalances: ReadonlyMap<string, Uint8Array>,
  ): LedgerEffects {
    const changes = new Map<string, Uint8Array | undefined>();
    const current = (key: string): Uint8Array | undefined =>
      changes.has(key) ? changes.get(key) : this.#entries.get(key);
    const tokens: WrappedToken[] = [];
    const withdrawals: L2Withdrawal[] = [];
    const known = new Map(this.#tokens);
    for (const [index, receipt] of receipts.entries()) {
      for (const log of receipt.logs) {
        const event = readLedgerEvent(log, (address) => known.has(address));
        if (event?.type === "tokenDeployed") {
          known.set(Buffer.from(event.token.address).toString("hex"), event.token);
          tokens.push(event.token);
        } else if (event?.type === "withdrawal") {
          const { type: _, ...withdrawal } = event;
          withdrawals.push({ ...withdrawal, blockNumber, transactionHash: bytesToHex(transactionHashes[index]!) });
        } else if (event?.type === "transfer") {
          const token = known.get(Buffer.from(event.token).toString("hex"))!;
          applyTransfer(changes, current, token, event.from, event.to, event.value);
        }
      }
    }
    for (const [address, balance] of ethBalances) {
      if (EXCLUDED.has(address)) continue;
      const key = ethKey(address);
      setIfChanged(changes, current, key, balance.length === 0 ? undefined : balance);
    }
    return { changes, withdrawals, tokens };
  }

  /** Applies a block's effects; returns what undoes them. */
  apply(effects: LedgerEffects): LedgerUndo {
    const undo: LedgerUndo = [];
    for (const [key, value] of effects.changes) {
      undo.push([key, this.#entries.get(key)]);
      this.#set(key, value);
    }
    for (const token of effects.tokens) {
      this.#tokens.set(Buffer.from(token.address).toString("hex"), token);
      this.#newTokens.push(token);
    }
    return undo;
  }

  /** Undoes a block's changes (`apply`'s result). Wrapped tokens stay known: only the bridge can deploy at their addresses. */
  revert(undo: LedgerUndo): void {
    for (let i = undo.length - 1; i >= 0; i--) {
      const [key, before] = undo[i]!;
      this.#set(key, before);
    }
  }

  /** Every entry as a balance leaf. */
  leaves(): BalanceLeaf[] {
    return [...this.#entries].map(([key, value]) => toLeaf(key, value));
  }

  /** The root of the ledger tree (zero when empty): a rollup's `stateRoot`. */
  root(): Hex {
    return this.#ledgerTree().root;
  }

  /** The leaf of an (account, fungible asset), or of an ERC721 token, with its proof. */
  proof(query: { kind: AssetKind; token: Address; account: Address; tokenId?: bigint | undefined }): BalanceProof {
    const value = this.#entries.get(leafKey(query));
    if (value === undefined) {
      throw new LedgerEntryNotFoundError("The ledger has no such entry.", {
        details: `kind ${query.kind}, token ${query.token}, ${query.kind === AssetKind.Erc721 ? `id ${query.tokenId}` : `account ${query.account}`}`,
      });
    }
    const key = leafKey(query);
    const tree = this.#ledgerTree();
    return { leaf: toLeaf(key, value), proof: tree.proof(this.#leafHashes.get(key)!)!, root: tree.root };
  }

  /** The L1 token of a wrapped token address, if the bridge deployed one there. */
  wrappedToken(address: Address): WrappedToken | undefined {
    return this.#tokens.get(address.slice(2).toLowerCase());
  }

  /** Adds the entries and tokens changed since the last flush began to `batch`. */
  stageFlush(batch: StoreBatch): void {
    for (const key of this.#dirty) {
      const keyBytes = Buffer.from(key, "hex");
      const value = this.#entries.get(key);
      if (value === undefined) batch.del(Table.Ledger, keyBytes);
      else batch.put(Table.Ledger, keyBytes, RLP.encode([keyBytes, value]));
    }
    for (const token of this.#newTokens) {
      batch.put(Table.WrappedTokens, token.address, RLP.encode([token.address, intToBytes(token.kind), token.l1Token]));
    }
    this.#dirty = new Set();
    this.#newTokens = [];
  }

  #set(key: string, value: Uint8Array | undefined): void {
    if (value === undefined) this.#entries.delete(key);
    else this.#entries.set(key, value);
    this.#leafHashes.delete(key);
    this.#dirty.add(key);
    this.#tree = undefined;
  }

  #ledgerTree(): LedgerTree {
    if (this.#tree === undefined) {
      for (const [key, value] of this.#entries) {
        if (!this.#leafHashes.has(key)) this.#leafHashes.set(key, entryLeafHash(key, value));
      }
      this.#tree = new LedgerTree(this.#leafHashes.values());
    }
    return this.#tree;
  }
}

function applyTransfer(
  changes: Map<string, Uint8Array | undefined>,
  current: (key: string) => Uint8Array | undefined,
  token: WrappedToken,
  from: Uint8Array,
  to: Uint8Array,
  value: bigint,
): void {
  if (token.kind === AssetKind.Erc721) {
    const key = nftKey(token.l1Token, value);
    setIfChanged(changes, current, key, isZero(to) ? undefined : to);
    return;
  }
  if (!isZero(from)) addTo(changes, current, fungibleKey(AssetKind.Erc20, token.l1Token, from), -value);
  if (!isZero(to)) addTo(changes, current, fungibleKey(AssetKind.Erc20, token.l1Token, to), value);
}

function addTo(
  changes: Map<string, Uint8Array | undefined>,
  current: (key: string) => Uint8Array | undefined,
  key: string,
  delta: bigint,
): void {
  const before = current(key);
  const after = (before === undefined ? 0n : bytesToBigInt(before)) + delta;
  changes.set(key, after === 0n ? undefined : bigIntToUnpaddedBytes(after));
}

function setIfChanged(
  changes: Map<string, Uint8Array | undefined>,
  current: (key: string) => Uint8Array | undefined,
  key: string,
  value: Uint8Array | undefined,
): void {
  const before = current(key);
  if (before === undefined && value === undefined) return;
  if (before !== undefined && value !== undefined && Buffer.compare(before, value) === 0) return;
  changes.set(key, value);
}

function isZero(address: Uint8Array): boolean {
  return address.every((byte) => byte === 0);
}
