import { createBlock, createBlockHeader, type Block, type BlockHeader } from "@ethereumjs/block";
import type { Common } from "@ethereumjs/common";
import { RLP } from "@ethereumjs/rlp";
import { bigIntToBytes, bytesToBigInt, setLengthLeft } from "@ethereumjs/util";
import { bytesToHex, getAddress, type Address, type Hex } from "viem";
import { nativeKeccak256 } from "../crypto.ts";

/** What an L2 header holds, besides the fixed fields of a post-merge header. */
export interface HeaderFields {
  parentHash: Uint8Array;
  coinbase: Uint8Array;
  stateRoot: Uint8Array;
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  logsBloom: Uint8Array;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  baseFeePerGas: bigint;
  l1BlockNumber: bigint;
  l1BlockHash: Uint8Array;
}

/** The execution context of a block being built: its header without the roots. */
export type BlockContext = Omit<
  HeaderFields,
  "stateRoot" | "transactionsRoot" | "receiptsRoot" | "logsBloom" | "gasUsed"
>;

/**
 * A standard Ethereum (Prague) header for an L2 block, so its hash is keccak256(rlp(header)).
 * The L1 block the batch builds on goes where an L2 header has room for it: its hash in
 * `parentBeaconBlockRoot` (as the OP Stack places its L1 origin's root there), its number as
 * the 8-byte `extraData`. `mixHash` (PREVRANDAO) is zero: the L2 offers no randomness there.
 */
export function buildHeader(fields: HeaderFields, common: Common): BlockHeader {
  return createBlockHeader(
    {
      parentHash: fields.parentHash,
      coinbase: fields.coinbase,
      stateRoot: fields.stateRoot,
      transactionsTrie: fields.transactionsRoot,
      receiptTrie: fields.receiptsRoot,
      logsBloom: fields.logsBloom,
      difficulty: 0n,
      number: fields.number,
      gasLimit: fields.gasLimit,
      gasUsed: fields.gasUsed,
      timestamp: fields.timestamp,
      extraData: setLengthLeft(bigIntToBytes(fields.l1BlockNumber), 8),
      baseFeePerGas: fields.baseFeePerGas,
      blobGasUsed: 0n,
      excessBlobGas: 0n,
      parentBeaconBlockRoot: fields.l1BlockHash,
    },
    { common },
  );
}

/** The block the EVM runs a batch's transactions in (context only: no roots yet). */
export function contextBlock(context: BlockContext, common: Common): Block {
  return createBlock(
    {
      header: {
        parentHash: context.parentHash,
        coinbase: context.coinbase,
        number: context.number,
        gasLimit: context.gasLimit,
        timestamp: context.timestamp,
        baseFeePerGas: context.baseFeePerGas,
        extraData: setLengthLeft(bigIntToBytes(context.l1BlockNumber), 8),
        parentBeaconBlockRoot: context.l1BlockHash,
        blobGasUsed: 0n,
        excessBlobGas: 0n,
      },
    },
    { common },
  );
}

/** A header's fields read back from its RLP (positions of a Prague header). */
export interface DecodedHeader {
  hash: Hex;
  parentHash: Hex;
  coinbase: Address;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  l1BlockNumber: bigint;
  baseFeePerGas: bigint;
  l1BlockHash: Hex;
}

export function decodeHeader(headerRlp: Uint8Array): DecodedHeader {
  const f = RLP.decode(headerRlp) as Uint8Array[];
  return {
    hash: bytesToHex(nativeKeccak256(headerRlp)),
    parentHash: bytesToHex(f[0]!),
    coinbase: getAddress(bytesToHex(f[2]!)),
    stateRoot: bytesToHex(f[3]!),
    transactionsRoot: bytesToHex(f[4]!),
    receiptsRoot: bytesToHex(f[5]!),
    logsBloom: bytesToHex(f[6]!),
    number: bytesToBigInt(f[8]!),
    gasLimit: bytesToBigInt(f[9]!),
    gasUsed: bytesToBigInt(f[10]!),
    timestamp: bytesToBigInt(f[11]!),
    l1BlockNumber: bytesToBigInt(f[12]!),
    baseFeePerGas: bytesToBigInt(f[15]!),
    l1BlockHash: bytesToHex(f[19]!),
  };
}
