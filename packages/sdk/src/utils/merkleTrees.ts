import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, parseAbiParameters, zeroHash, type Address, type Hex } from "viem";
import { LeafNotInTreeError } from "../errors/bridge.ts";
import type { BalanceLeaf, LeafTree, Withdrawal } from "../types/bridge.ts";

/** The leaf encodings; the contract hashes them identically (StandardMerkleTree's double keccak). */
export const WITHDRAWAL_LEAF_ENCODING = ["uint256", "address", "uint8", "address", "uint256"] as const;
export const BALANCE_LEAF_ENCODING = ["address", "uint8", "address", "uint256"] as const;

type WithdrawalValues = [bigint, Address, number, Address, bigint];
type BalanceValues = [Address, number, Address, bigint];

/** Builds the withdrawal tree of a rollup (its `withdrawalRoot`). */
export function buildWithdrawalTree(withdrawals: readonly Withdrawal[]): LeafTree<Withdrawal> {
  return buildTree(withdrawals.map(withdrawalValues), WITHDRAWAL_LEAF_ENCODING, withdrawalValues);
}

/** Builds the ledger tree of a rollup (its `stateRoot`): one leaf per (account, asset) or ERC721 token. */
export function buildLedgerTree(balances: readonly BalanceLeaf[]): LeafTree<BalanceLeaf> {
  return buildTree(balances.map(balanceValues), BALANCE_LEAF_ENCODING, balanceValues);
}

/** The Merkle leaf of a withdrawal, as `BridgeManagement.withdrawalLeaf` computes it. */
export function withdrawalLeafHash(withdrawal: Withdrawal): Hex {
  return standardLeafHash(WITHDRAWAL_LEAF_ENCODING, withdrawalValues(withdrawal));
}

/** The Merkle leaf of a balance, as `BridgeManagement.balanceLeaf` computes it. */
export function balanceLeafHash(leaf: BalanceLeaf): Hex {
  return standardLeafHash(BALANCE_LEAF_ENCODING, balanceValues(leaf));
}

/** OpenZeppelin's standard leaf: `keccak256(keccak256(abi.encode(values)))`. */
function standardLeafHash(types: readonly string[], values: readonly unknown[]): Hex {
  return keccak256(keccak256(encodeAbiParameters(parseAbiParameters(types.join(",")), values)));
}

function withdrawalValues(w: Withdrawal): WithdrawalValues {
  return [w.id, w.recipient, w.kind, w.token, w.amountOrId];
}

function balanceValues(b: BalanceLeaf): BalanceValues {
  return [b.account, b.kind, b.token, b.amountOrId];
}

function buildTree<T, V extends unknown[]>(
  values: V[],
  encoding: readonly string[],
  toValues: (leaf: T) => V,
): LeafTree<T> {
  if (values.length === 0) {
    return {
      root: zeroHash,
      proof: () => {
        throw new LeafNotInTreeError("The tree is empty.");
      },
      dump: () => ({ format: "empty" }),
    };
  }
  const tree = StandardMerkleTree.of(values, [...encoding]);
  return {
    root: tree.root as Hex,
    proof(leaf: T): Hex[] {
      try {
        return tree.getProof(toValues(leaf)) as Hex[];
      } catch (cause) {
        throw new LeafNotInTreeError("The leaf is not in the tree.", { cause });
      }
    },
    dump: () => tree.dump(),
  };
}
