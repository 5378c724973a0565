import { RLP } from "@ethereumjs/rlp";
import { bigIntToUnpaddedBytes, bytesToBigInt, bytesToInt, intToBytes } from "@ethereumjs/util";
import type { AssetKind, Deposit } from "@obscuro/sdk";
import { bytesToHex, getAddress, hexToBytes, type Hex } from "viem";
import type { LedgerUndo } from "../ledger/Ledger.ts";
import type { L2Withdrawal } from "../types.ts";

/**
 * RLP encodings of what the chain stores (sealed) and journals. Changing any of them needs a
 * new `STORAGE_FORMAT_VERSION`.
 */
export const STORAGE_FORMAT_VERSION = 1n;

const u = bigIntToUnpaddedBytes;
const n = bytesToBigInt;

/** A block as stored: its header and body, and the L1 queue point after it. */
export interface BlockRecord {
  headerRlp: Uint8Array;
  deposits: Deposit[];
  transactions: Uint8Array[];
  depositCount: bigint;
  depositAcc: Hex;
  /** Whether the block's whole state is on disk (it was the head at a flush): a rollback restarts from such a block. */
  stateKept: boolean;
}

export function encodeBlockRecord(record: BlockRecord): Uint8Array {
  return RLP.encode([
    record.headerRlp,
    record.deposits.map(encodeDeposit),
    record.transactions,
    u(record.depositCount),
    hexToBytes(record.depositAcc),
    record.stateKept ? Uint8Array.of(1) : new Uint8Array(0),
  ]);
}

export function decodeBlockRecord(bytes: Uint8Array): BlockRecord {
  const [headerRlp, deposits, transactions, depositCount, depositAcc, stateKept] = RLP.decode(bytes) as [
    Uint8Array,
    Uint8Array[][],
    Uint8Array[],
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  return {
    headerRlp,
    deposits: deposits.map(decodeDeposit),
    transactions,
    depositCount: n(depositCount),
    depositAcc: bytesToHex(depositAcc),
    stateKept: stateKept.length === 1,
  };
}

export function encodeDeposit(d: Deposit): Uint8Array[] {
  return [u(d.index), intToBytes(d.kind), hexToBytes(d.from), hexToBytes(d.to), hexToBytes(d.token), u(d.amountOrId)];
}

export function decodeDeposit(f: Uint8Array[]): Deposit {
  return {
    index: n(f[0]!),
    kind: bytesToInt(f[1]!) as AssetKind,
    from: getAddress(bytesToHex(f[2]!)),
    to: getAddress(bytesToHex(f[3]!)),
    token: getAddress(bytesToHex(f[4]!)),
    amountOrId: n(f[5]!),
  };
}

/** Where a transaction is: `uint64be(block number) || uint32be(position)` (one per transaction, so fixed-size). */
export function encodeTxLocation(blockNumber: bigint, index: number): Uint8Array {
  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, blockNumber);
  view.setUint32(8, index);
  return bytes;
}

export function decodeTxLocation(bytes: Uint8Array): { blockNumber: bigint; index: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { blockNumber: view.getBigUint64(0), index: view.getUint32(8) };
}

/** The flushed head and the chain it belongs to. */
export interface HeadRecord {
  chainId: bigint;
  genesisHash: Hex;
  number: bigint;
  hash: Hex;
}

export function encodeHead(head: HeadRecord): Uint8Array {
  return RLP.encode([
    u(STORAGE_FORMAT_VERSION),
    u(head.chainId),
    hexToBytes(head.genesisHash),
    u(head.number),
    hexToBytes(head.hash),
  ]);
}

export function decodeHead(bytes: Uint8Array): HeadRecord & { version: bigint } {
  const [version, chainId, genesisHash, number, hash] = RLP.decode(bytes) as Uint8Array[];
  return {
    version: n(version!),
    chainId: n(chainId!),
    genesisHash: bytesToHex(genesisHash!),
    number: n(number!),
    hash: bytesToHex(hash!),
  };
}

/** A block number as a storage key (8 bytes, big-endian). */
export function blockKey(number: bigint): Uint8Array {
  const key = new Uint8Array(8);
  new DataView(key.buffer).setBigUint64(0, number);
  return key;
}

/** A journaled block: its inputs and the hash it executed to when it was acknowledged. */
export interface JournalRecord {
  number: bigint;
  parentHash: Hex;
  timestamp: bigint;
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
  coinbase: Hex;
  deposits: Deposit[];
  transactions: Uint8Array[];
  hash: Hex;
}

export function encodeJournalRecord(r: JournalRecord): Uint8Array {
  return RLP.encode([
    u(r.number),
    hexToBytes(r.parentHash),
    u(r.timestamp),
    u(r.l1BlockNumber),
    hexToBytes(r.l1BlockHash),
    hexToBytes(r.coinbase),
    r.deposits.map(encodeDeposit),
    r.transactions,
    hexToBytes(r.hash),
  ]);
}

export function decodeJournalRecord(bytes: Uint8Array): JournalRecord {
  const f = RLP.decode(bytes) as unknown as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array[][],
    Uint8Array[],
    Uint8Array,
  ];
  return {
    number: n(f[0]),
    parentHash: bytesToHex(f[1]),
    timestamp: n(f[2]),
    l1BlockNumber: n(f[3]),
    l1BlockHash: bytesToHex(f[4]),
    coinbase: getAddress(bytesToHex(f[5])),
    deposits: f[6].map(decodeDeposit),
    transactions: f[7],
    hash: bytesToHex(f[8]),
  };
}

/** A block's withdrawals as stored. */
export function encodeWithdrawals(withdrawals: readonly L2Withdrawal[]): Uint8Array {
  return RLP.encode(
    withdrawals.map((w) => [
      u(w.id),
      hexToBytes(w.sender),
      hexToBytes(w.recipient),
      intToBytes(w.kind),
      hexToBytes(w.token),
      u(w.amountOrId),
      u(w.blockNumber),
      hexToBytes(w.transactionHash),
    ]),
  );
}

export function decodeWithdrawals(bytes: Uint8Array): L2Withdrawal[] {
  return (RLP.decode(bytes) as unknown as Uint8Array[][]).map((f) => ({
    id: n(f[0]!),
    sender: getAddress(bytesToHex(f[1]!)),
    recipient: getAddress(bytesToHex(f[2]!)),
    kind: bytesToInt(f[3]!) as AssetKind,
    token: getAddress(bytesToHex(f[4]!)),
    amountOrId: n(f[5]!),
    blockNumber: n(f[6]!),
    transactionHash: bytesToHex(f[7]!),
  }));
}

/** A block's ledger undo as stored: `[key, value before]`, an empty value for an absent entry. */
export function encodeLedgerUndo(undo: LedgerUndo): Uint8Array {
  return RLP.encode(undo.map(([key, before]) => [Buffer.from(key, "hex"), before ?? new Uint8Array(0)]));
}

export function decodeLedgerUndo(bytes: Uint8Array): LedgerUndo {
  return (RLP.decode(bytes) as unknown as Uint8Array[][]).map(([key, before]) => [
    Buffer.from(key!).toString("hex"),
    before!.length === 0 ? undefined : before!,
  ]);
}
