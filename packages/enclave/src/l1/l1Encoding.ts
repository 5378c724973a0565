import { encode as rlpEncode, type Input } from "@ethereumjs/rlp";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { nativeKeccak256 } from "../chain/crypto.ts";
import { orderedTrieRoot } from "../chain/execution/orderedTrieRoot.ts";

/** The header fields of a JSON-RPC block (`eth_getBlockByNumber`), as hex. */
export interface RpcHeader {
  hash: Hex;
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  difficulty: Hex;
  number: Hex;
  gasLimit: Hex;
  gasUsed: Hex;
  timestamp: Hex;
  extraData: Hex;
  mixHash: Hex;
  nonce: Hex;
  baseFeePerGas?: Hex | undefined;
  withdrawalsRoot?: Hex | undefined;
  blobGasUsed?: Hex | undefined;
  excessBlobGas?: Hex | undefined;
  parentBeaconBlockRoot?: Hex | undefined;
  requestsHash?: Hex | undefined;
}

/** A log of a JSON-RPC receipt. */
export interface RpcLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

/** The consensus fields of a JSON-RPC receipt (`eth_getBlockReceipts`). */
export interface RpcReceipt {
  type: Hex;
  status: Hex;
  cumulativeGasUsed: Hex;
  logsBloom: Hex;
  logs: RpcLog[];
  transactionHash?: Hex | undefined;
}

/** Header fields in consensus order; the optional ones come with the forks that added them. */
const OPTIONAL_FIELDS = [
  "baseFeePerGas", // London
  "withdrawalsRoot", // Shanghai
  "blobGasUsed", // Cancun
  "excessBlobGas",
  "parentBeaconBlockRoot",
  "requestsHash", // Prague
] as const;

/**
 * The hash of a block from its header fields: `keccak256(rlp(header))`, with the fields of every
 * fork the header has (a header may not skip one: a later field without an earlier one is
 * refused by returning a hash that cannot match).
 */
export function computeHeaderHash(header: RpcHeader): Hex {
  const fields: Input[] = [
    bytes(header.parentHash),
    bytes(header.sha3Uncles),
    bytes(header.miner),
    bytes(header.stateRoot),
    bytes(header.transactionsRoot),
    bytes(header.receiptsRoot),
    bytes(header.logsBloom),
    integer(header.difficulty),
    integer(header.number),
    integer(header.gasLimit),
    integer(header.gasUsed),
    integer(header.timestamp),
    bytes(header.extraData),
    bytes(header.mixHash),
    bytes(header.nonce),
  ];
  let ended = false;
  for (const name of OPTIONAL_FIELDS) {
    const value = header[name];
    if (value === undefined || value === null) {
      ended = true;
      continue;
    }
    if (ended) return "0x" as Hex; // a gap: not a real header
    fields.push(
      name === "baseFeePerGas" || name === "blobGasUsed" || name === "excessBlobGas" ? integer(value) : bytes(value),
    );
  }
  return bytesToHex(nativeKeccak256(rlpEncode(fields)));
}

/** The receipts trie root of a block's receipts, as its header's `receiptsRoot` commits to them. */
export function computeReceiptsRoot(receipts: readonly RpcReceipt[]): Hex {
  return bytesToHex(orderedTrieRoot(receipts.map(encodeReceipt)));
}

/** A receipt's consensus encoding: `type || rlp([status, cumulativeGasUsed, logsBloom, logs])` (no prefix for legacy). */
export function encodeReceipt(receipt: RpcReceipt): Uint8Array {
  const body = rlpEncode([
    receipt.status === "0x1" ? Uint8Array.of(1) : new Uint8Array(),
    integer(receipt.cumulativeGasUsed),
    bytes(receipt.logsBloom),
    receipt.logs.map((log) => [bytes(log.address), log.topics.map(bytes), bytes(log.data)]),
  ]);
  const type = Number(receipt.type);
  if (type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = type;
  out.set(body, 1);
  return out;
}

function bytes(value: Hex): Uint8Array {
  return hexToBytes(value);
}

/** An RLP integer: minimal big-endian bytes, empty for zero. */
function integer(value: Hex): Uint8Array {
  const n = BigInt(value);
  if (n === 0n) return new Uint8Array();
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return hexToBytes(`0x${hex}`);
}
