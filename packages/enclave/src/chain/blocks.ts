import { bytesToHex, getAddress, type Address } from "viem";
import { DEPOSIT_TX_TYPE } from "./constants.ts";
import { nativeKeccak256 } from "./crypto.ts";
import { encodeDepositTransaction, logsBloom, type ExecutedReceipt, type RawLog } from "./execution/encoding.ts";
import { decodeHeader } from "./execution/header.ts";
import type { BlockRecord } from "./storage/records.ts";
import type { L2Block, L2Log, L2Receipt } from "./types.ts";

/** The hashes of a block's transactions: deposits' system transactions, then user transactions. */
export function transactionHashes(record: BlockRecord): Uint8Array[] {
  return [
    ...record.deposits.map((deposit) => nativeKeccak256(encodeDepositTransaction(deposit))),
    ...record.transactions.map((raw) => nativeKeccak256(raw)),
  ];
}

/**
 * A stored block as the chain reports it. `hashes` are its transaction hashes when the caller
 * has them already (a block just executed), else they are computed.
 */
export function toL2Block(record: BlockRecord, hashes?: readonly Uint8Array[]): L2Block {
  const header = decodeHeader(record.headerRlp);
  return {
    number: header.number,
    hash: header.hash,
    parentHash: header.parentHash,
    timestamp: header.timestamp,
    l1BlockNumber: header.l1BlockNumber,
    l1BlockHash: header.l1BlockHash,
    coinbase: header.coinbase,
    stateRoot: header.stateRoot,
    transactionsRoot: header.transactionsRoot,
    receiptsRoot: header.receiptsRoot,
    logsBloom: header.logsBloom,
    gasLimit: header.gasLimit,
    gasUsed: header.gasUsed,
    baseFeePerGas: header.baseFeePerGas,
    deposits: record.deposits,
    transactionHashes: (hashes ?? transactionHashes(record)).map(hex),
    transactions: record.transactions,
    depositCount: record.depositCount,
    depositAcc: record.depositAcc,
    headerRlp: record.headerRlp,
  };
}

/** Transaction `index`'s receipt, placed in `block` (its logs numbered from the block's first). */
export function toL2Receipt(block: L2Block, receipts: readonly ExecutedReceipt[], index: number): L2Receipt {
  const receipt = receipts[index]!;
  const previous = index === 0 ? 0n : receipts[index - 1]!.cumulativeGasUsed;
  let logIndex = 0;
  for (let i = 0; i < index; i++) logIndex += receipts[i]!.logs.length;
  const transactionHash = block.transactionHashes[index]!;
  return {
    transactionHash,
    transactionIndex: index,
    blockHash: block.hash,
    blockNumber: block.number,
    from: address(receipt.from),
    to: receipt.to.length === 0 ? null : address(receipt.to),
    type: receipt.type,
    status: receipt.status === 1 ? "success" : "reverted",
    cumulativeGasUsed: receipt.cumulativeGasUsed,
    gasUsed: receipt.type === DEPOSIT_TX_TYPE ? 0n : receipt.cumulativeGasUsed - previous,
    effectiveGasPrice: receipt.effectiveGasPrice,
    contractAddress: receipt.contractAddress.length === 0 ? null : address(receipt.contractAddress),
    logs: receipt.logs.map(([emitter, topics, data], i) => ({
      address: address(emitter),
      topics: topics.map((topic) => bytesToHex(topic)),
      data: bytesToHex(data),
      blockNumber: block.number,
      blockHash: block.hash,
      transactionHash,
      transactionIndex: index,
      logIndex: logIndex + i,
    })),
    logsBloom: bytesToHex(logsBloom(receipt.logs)),
  };
}

/** The logs of a block that `keep` accepts, placed in the block. */
export function blockLogs(
  block: L2Block,
  receipts: readonly ExecutedReceipt[],
  keep: (log: RawLog) => boolean,
): L2Log[] {
  const logs: L2Log[] = [];
  let logIndex = 0;
  for (const [index, receipt] of receipts.entries()) {
    for (const log of receipt.logs) {
      if (keep(log)) {
        const [emitter, topics, data] = log;
        logs.push({
          address: address(emitter),
          topics: topics.map((topic) => bytesToHex(topic)),
          data: bytesToHex(data),
          blockNumber: block.number,
          blockHash: block.hash,
          transactionHash: block.transactionHashes[index]!,
          transactionIndex: index,
          logIndex,
        });
      }
      logIndex++;
    }
  }
  return logs;
}

function address(bytes: Uint8Array): Address {
  return getAddress(bytesToHex(bytes));
}

/** `0x`-prefixed hex, through Buffer (several times faster than a generic converter). */
function hex(bytes: Uint8Array): `0x${string}` {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex")}`;
}
