import { bigIntToBytes, bytesToBigInt, setLengthLeft } from "@ethereumjs/util";
import { AssetKind, type BalanceLeaf } from "@obscuro/sdk";
import { bytesToHex, getAddress, hexToBytes, type Address } from "viem";
import { balanceLeafHash } from "./ledgerTree.ts";

const ETH_KEY_PREFIX = `0${AssetKind.Eth}${"00".repeat(20)}`;

/** The key of an account's ETH entry, from its lowercase `0x` address. */
export function ethKey(address: string): string {
  return ETH_KEY_PREFIX + address.slice(2);
}

/**
 * Keys of the ledger's entries (hex strings of their bytes, for maps):
 * - fungible (ETH, wrapped ERC20): `kind (1) || token (20) || account (20)` → the balance;
 * - ERC721: `0x02 || token (20) || tokenId (32)` → the owner (20 bytes).
 * One entry is one leaf of the ledger tree (docs/l2-chain.md, "Ledger").
 */
export function fungibleKey(kind: AssetKind, token: Uint8Array, account: Uint8Array): string {
  const key = new Uint8Array(41);
  key[0] = kind;
  key.set(token, 1);
  key.set(account, 21);
  return Buffer.from(key).toString("hex");
}

export function nftKey(token: Uint8Array, tokenId: bigint): string {
  const key = new Uint8Array(53);
  key[0] = AssetKind.Erc721;
  key.set(token, 1);
  key.set(setLengthLeft(bigIntToBytes(tokenId), 32), 21);
  return Buffer.from(key).toString("hex");
}

/** The key of a leaf (by account for fungible assets, by token id for ERC721). */
export function leafKey(query: {
  kind: AssetKind;
  token: Address;
  account: Address;
  tokenId?: bigint | undefined;
}): string {
  const token = hexToBytes(query.token);
  if (query.kind === AssetKind.Erc721) return nftKey(token, query.tokenId ?? 0n);
  return fungibleKey(query.kind, token, hexToBytes(query.account));
}

/** An entry as a balance leaf. */
export function toLeaf(key: string, value: Uint8Array): BalanceLeaf {
  const bytes = Buffer.from(key, "hex");
  const kind = bytes[0] as AssetKind;
  const token = getAddress(bytesToHex(bytes.subarray(1, 21)));
  if (kind === AssetKind.Erc721) {
    return { account: getAddress(bytesToHex(value)), kind, token, amountOrId: bytesToBigInt(bytes.subarray(21)) };
  }
  return { account: getAddress(bytesToHex(bytes.subarray(21))), kind, token, amountOrId: bytesToBigInt(value) };
}

/** The balance leaf hash of an entry (see `balanceLeafHash`). */
export function entryLeafHash(key: string, value: Uint8Array): Uint8Array {
  const bytes = Buffer.from(key, "hex");
  const kind = bytes[0]!;
  const token = bytes.subarray(1, 21);
  if (kind === AssetKind.Erc721) return balanceLeafHash(value, kind, token, bytes.subarray(21));
  return balanceLeafHash(bytes.subarray(21), kind, token, value);
}
