import { decode as rlpDecode, encode as rlpEncode } from "@ethereumjs/rlp";
import {
  bytesToHex,
  getAddress,
  hexToBytes,
  keccak256,
  numberToBytes,
  parseTransaction,
  serializeTransaction,
  type AccessList,
  type Address,
  type Hex,
  type TransactionSerializable,
} from "viem";
import { BaseError } from "@obscuro/sdk";

/** A batch as it travels: in gossip between nodes, and inside a rollup's payload on L1. */
export interface EncodedBatch {
  number: bigint;
  parentHash: Hex;
  /** The block hash the sender computed: a receiver that computes another has found a divergence. */
  hash: Hex;
  timestamp: bigint;
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
  coinbase: Address;
  /**
   * The L1 deposit queue's count after this batch: it consumes every deposit made in L1 blocks up
   * to `l1BlockNumber`, which the receiver takes from L1 itself (the batch does not carry them).
   */
  depositCount: bigint;
  /** Signed user transactions, raw, in order. */
  transactions: readonly Uint8Array[];
}

/** A batch that does not decode, or a transaction the columnar form cannot carry unchanged. */
export class BatchEncodingError extends BaseError {
  readonly code = "BATCH_ENCODING";
}

/** Version of the batch wire format (the first byte). */
export const BATCH_FORMAT_VERSION = 1;

const TYPE_LEGACY = 0;
const TYPE_EIP2930 = 1;
const TYPE_EIP1559 = 2;

/**
 * Encodes a batch column by column: every transaction's type, then every nonce, every fee, every
 * recipient, …, with the signatures' `r || s` as one 64-bytes-per-transaction column and the
 * y-parities as a bit field. Each column holds values alike, which is what brotli compresses well:
 * a rollup of 1,000 ETH transfers from distinct senders costs about 85 bytes a transfer on L1,
 * close to the floor of 64 signature bytes plus a 20-byte recipient. The chain id is implied (the
 * L2's); a legacy transaction keeps its EIP-155 `v`, rebuilt from the parity.
 *
 * ```
 * batch   = version (1) || rlp([number, parentHash, hash, timestamp, l1BlockNumber, l1BlockHash,
 *                               coinbase, depositCount, columns])
 * columns = [types, nonces, gasPrices, tips, gasLimits, tos, values, datas, accessLists,
 *            yParities (bit field), signatures (r || s, 64 bytes each)]
 * ```
 *
 * @throws {BatchEncodingError} when a transaction would not come back byte for byte (the
 *   sequencer never includes such a transaction) or is of a type the L2 does not take.
 */
export function encodeBatch(batch: EncodedBatch, chainId: number): Uint8Array {
  const columns = {
    types: new Uint8Array(batch.transactions.length),
    nonces: [] as Uint8Array[],
    gasPrices: [] as Uint8Array[],
    tips: [] as Uint8Array[],
    gasLimits: [] as Uint8Array[],
    tos: [] as Uint8Array[],
    values: [] as Uint8Array[],
    datas: [] as Uint8Array[],
    accessLists: [] as Uint8Array[],
    yParities: new Uint8Array(Math.ceil(batch.transactions.length / 8)),
    signatures: new Uint8Array(64 * batch.transactions.length),
  };
  batch.transactions.forEach((raw, i) => {
    const fields = splitTransaction(raw, chainId, i);
    columns.types[i] = fields.type;
    columns.nonces.push(integer(fields.nonce));
    columns.gasPrices.push(integer(fields.gasPrice));
    columns.tips.push(integer(fields.tip));
    columns.gasLimits.push(integer(fields.gas));
    columns.tos.push(fields.to ? hexToBytes(fields.to) : new Uint8Array());
    columns.values.push(integer(fields.value));
    columns.datas.push(hexToBytes(fields.data));
    columns.accessLists.push(rlpEncode(accessListItems(fields.accessList)));
    if (fields.yParity === 1) columns.yParities[i >> 3]! |= 1 << (i & 7);
    columns.signatures.set(word(fields.r), 64 * i);
    columns.signatures.set(word(fields.s), 64 * i + 32);
  });
  const body = rlpEncode([
    integer(batch.number),
    hexToBytes(batch.parentHash),
    hexToBytes(batch.hash),
    integer(batch.timestamp),
    integer(batch.l1BlockNumber),
    hexToBytes(batch.l1BlockHash),
    hexToBytes(batch.coinbase),
    integer(batch.depositCount),
    [
      columns.types,
      columns.nonces,
      columns.gasPrices,
      columns.tips,
      columns.gasLimits,
      columns.tos,
      columns.values,
      columns.datas,
      columns.accessLists,
      columns.yParities,
      columns.signatures,
    ],
  ]);
  const out = new Uint8Array(body.length + 1);
  out[0] = BATCH_FORMAT_VERSION;
  out.set(body, 1);
  return out;
}

/**
 * Decodes a batch, rebuilding each signed transaction byte for byte.
 * @throws {BatchEncodingError} for anything that is not a well-formed batch of this version.
 */
export function decodeBatch(bytes: Uint8Array, chainId: number): EncodedBatch {
  try {
    if (bytes[0] !== BATCH_FORMAT_VERSION) throw new Error(`unknown version ${bytes[0]}`);
    const fields = rlpDecode(bytes.subarray(1)) as unknown as Uint8Array[];
    if (!Array.isArray(fields) || fields.length !== 9) throw new Error("expected 9 fields");
    const [number, parentHash, hash, timestamp, l1BlockNumber, l1BlockHash, coinbase, depositCount, columns] =
      fields as [
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        unknown,
      ];
    return {
      number: uint(number),
      parentHash: fixed(parentHash, 32, "parentHash"),
      hash: fixed(hash, 32, "hash"),
      timestamp: uint(timestamp),
      l1BlockNumber: uint(l1BlockNumber),
      l1BlockHash: fixed(l1BlockHash, 32, "l1BlockHash"),
      coinbase: getAddress(fixed(coinbase, 20, "coinbase")),
      depositCount: uint(depositCount),
      transactions: rebuild(columns, chainId),
    };
  } catch (cause) {
    if (cause instanceof BatchEncodingError) throw cause;
    throw new BatchEncodingError("Not a well-formed batch.", { cause, details: (cause as Error).message });
  }
}

/** The rollup payload items (see the SDK's `encodeRollupPayload`): one encoded batch each. */
export function encodeBatches(batches: readonly EncodedBatch[], chainId: number): Uint8Array[] {
  return batches.map((batch) => encodeBatch(batch, chainId));
}

interface TransactionFields {
  type: number;
  nonce: bigint;
  /** Legacy and EIP-2930: the gas price; EIP-1559: the fee cap. */
  gasPrice: bigint;
  /** EIP-1559's priority fee; zero otherwise. */
  tip: bigint;
  gas: bigint;
  to: Address | null;
  value: bigint;
  data: Hex;
  accessList: AccessList;
  yParity: number;
  r: Hex;
  s: Hex;
}

function splitTransaction(raw: Uint8Array, chainId: number, position: number): TransactionFields {
  const hex = bytesToHex(raw);
  let parsed: ReturnType<typeof parseTransaction>;
  try {
    parsed = parseTransaction(hex);
  } catch (cause) {
    throw new BatchEncodingError("A transaction does not decode.", { cause, details: `position ${position}` });
  }
  const type =
    parsed.type === "legacy"
      ? TYPE_LEGACY
      : parsed.type === "eip2930"
        ? TYPE_EIP2930
        : parsed.type === "eip1559"
          ? TYPE_EIP1559
          : -1;
  if (type < 0)
    throw new BatchEncodingError("A transaction type the L2 does not take.", {
      details: `${parsed.type} at ${position}`,
    });
  if (parsed.chainId !== chainId) {
    throw new BatchEncodingError("A transaction for another chain.", {
      details: `chain ${parsed.chainId} at ${position}`,
    });
  }
  const yParity = parsed.yParity ?? (parsed.v === undefined ? 0 : Number((parsed.v - 35n - 2n * BigInt(chainId)) & 1n));
  const fields: TransactionFields = {
    type,
    nonce: BigInt(parsed.nonce ?? 0),
    gasPrice: type === TYPE_EIP1559 ? (parsed.maxFeePerGas ?? 0n) : (parsed.gasPrice ?? 0n),
    tip: type === TYPE_EIP1559 ? (parsed.maxPriorityFeePerGas ?? 0n) : 0n,
    gas: parsed.gas ?? 0n,
    to: parsed.to ?? null,
    value: parsed.value ?? 0n,
    data: parsed.data ?? "0x",
    accessList: (parsed as { accessList?: AccessList }).accessList ?? [],
    yParity,
    r: parsed.r!,
    s: parsed.s!,
  };
  if (!equalBytes(hexToBytes(serialize(fields, chainId)), raw)) {
    throw new BatchEncodingError("A transaction would not come back byte for byte.", {
      details: `position ${position}, hash ${keccak256(raw)}`,
    });
  }
  return fields;
}

function rebuild(columns: unknown, chainId: number): Uint8Array[] {
  if (!Array.isArray(columns) || columns.length !== 11) throw new Error("expected 11 columns");
  const [types, nonces, gasPrices, tips, gasLimits, tos, values, datas, accessLists, yParities, signatures] =
    columns as [
      Uint8Array,
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array[],
      Uint8Array,
      Uint8Array,
    ];
  const n = types.length;
  for (const column of [nonces, gasPrices, tips, gasLimits, tos, values, datas, accessLists]) {
    if (!Array.isArray(column) || column.length !== n) throw new Error("columns of different lengths");
  }
  if (yParities.length !== Math.ceil(n / 8) || signatures.length !== 64 * n) throw new Error("signature columns");
  const transactions: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const to = tos[i]!;
    if (to.length !== 0 && to.length !== 20) throw new Error(`recipient of ${to.length} bytes`);
    const fields: TransactionFields = {
      type: types[i]!,
      nonce: uint(nonces[i]!),
      gasPrice: uint(gasPrices[i]!),
      tip: uint(tips[i]!),
      gas: uint(gasLimits[i]!),
      to: to.length === 0 ? null : getAddress(bytesToHex(to)),
      value: uint(values[i]!),
      data: bytesToHex(datas[i]!),
      accessList: accessListFromItems(rlpDecode(accessLists[i]!) as unknown),
      yParity: (yParities[i >> 3]! >> (i & 7)) & 1,
      r: bytesToHex(signatures.subarray(64 * i, 64 * i + 32)),
      s: bytesToHex(signatures.subarray(64 * i + 32, 64 * i + 64)),
    };
    transactions.push(hexToBytes(serialize(fields, chainId)));
  }
  return transactions;
}

function serialize(fields: TransactionFields, chainId: number): Hex {
  const signature = { r: trim(fields.r), s: trim(fields.s), yParity: fields.yParity };
  const common = {
    chainId,
    nonce: Number(fields.nonce),
    gas: fields.gas,
    to: fields.to,
    value: fields.value,
    data: fields.data,
  };
  let transaction: TransactionSerializable;
  if (fields.type === TYPE_LEGACY) {
    transaction = { ...common, type: "legacy", gasPrice: fields.gasPrice };
    return serializeTransaction(transaction, { ...signature, v: BigInt(chainId) * 2n + 35n + BigInt(fields.yParity) });
  }
  if (fields.type === TYPE_EIP2930) {
    transaction = { ...common, type: "eip2930", gasPrice: fields.gasPrice, accessList: fields.accessList };
  } else if (fields.type === TYPE_EIP1559) {
    transaction = {
      ...common,
      type: "eip1559",
      maxFeePerGas: fields.gasPrice,
      maxPriorityFeePerGas: fields.tip,
      accessList: fields.accessList,
    };
  } else {
    throw new Error(`transaction type ${fields.type}`);
  }
  return serializeTransaction(transaction, signature);
}

function accessListItems(list: AccessList): Uint8Array[][] {
  return list.map((item) => [hexToBytes(item.address), item.storageKeys.map((key) => hexToBytes(key))] as never);
}

function accessListFromItems(items: unknown): AccessList {
  if (!Array.isArray(items)) throw new Error("access list");
  return items.map((item) => {
    const [address, keys] = item as [Uint8Array, Uint8Array[]];
    if (address.length !== 20 || !Array.isArray(keys) || keys.some((k) => k.length !== 32))
      throw new Error("access list item");
    return { address: bytesToHex(address) as Address, storageKeys: keys.map((key) => bytesToHex(key)) };
  });
}

/** An RLP integer: big-endian bytes, empty for zero; a leading zero byte is not canonical. */
function uint(bytes: Uint8Array): bigint {
  if (!(bytes instanceof Uint8Array)) throw new Error("integer expected");
  if (bytes.length === 0) return 0n;
  if (bytes[0] === 0) throw new Error("non-canonical integer");
  return BigInt(bytesToHex(bytes));
}

/** Minimal big-endian bytes of a non-negative integer (empty for zero), as RLP wants them. */
function integer(value: bigint): Uint8Array {
  return value === 0n ? new Uint8Array() : numberToBytes(value);
}

function word(value: Hex): Uint8Array {
  const bytes = hexToBytes(value);
  if (bytes.length > 32) throw new BatchEncodingError("A signature value over 32 bytes.");
  const out = new Uint8Array(32);
  out.set(bytes, 32 - bytes.length);
  return out;
}

/** A 32-byte word as a number's hex (viem's signature fields). */
function trim(value: Hex): Hex {
  return `0x${BigInt(value).toString(16).padStart(64, "0")}`;
}

function fixed(bytes: Uint8Array, length: number, name: string): Hex {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new Error(`${name}: ${length} bytes expected`);
  return bytesToHex(bytes);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
