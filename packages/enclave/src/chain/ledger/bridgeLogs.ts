import { bytesToBigInt } from "@ethereumjs/util";
import type { AssetKind } from "@obscuro/sdk";
import { bytesToHex, getAddress, hexToBytes, keccak256, toBytes, type Address } from "viem";
import { L2_BRIDGE_ADDRESS } from "../constants.ts";
import type { RawLog } from "../execution/encoding.ts";

const topic = (signature: string): string => Buffer.from(hexToBytes(keccak256(toBytes(signature)))).toString("hex");

/** Event topics the ledger follows. */
const TRANSFER = topic("Transfer(address,address,uint256)");
const WRAPPED_TOKEN_DEPLOYED = topic("WrappedTokenDeployed(address,uint8,address)");
const WITHDRAWAL_INITIATED = topic("WithdrawalInitiated(uint256,address,address,uint8,address,uint256)");

const BRIDGE = L2_BRIDGE_ADDRESS.slice(2).toLowerCase();

/** A wrapped token the bridge deployed. */
export interface WrappedToken {
  /** Its L2 address. */
  address: Uint8Array;
  kind: AssetKind;
  l1Token: Uint8Array;
}

/** What one log means to the ledger. */
export type LedgerEvent =
  | { type: "tokenDeployed"; token: WrappedToken }
  | {
      type: "withdrawal";
      id: bigint;
      sender: Address;
      recipient: Address;
      kind: AssetKind;
      token: Address;
      amountOrId: bigint;
    }
  | { type: "transfer"; token: Uint8Array; from: Uint8Array; to: Uint8Array; value: bigint };

/**
 * Reads a log: the bridge's `WrappedTokenDeployed` and `WithdrawalInitiated`, and `Transfer` of a
 * wrapped token (known from `isWrapped`: only the bridge's tokens count, never a user's token
 * that emits the same event). Anything else is undefined.
 */
export function readLedgerEvent(log: RawLog, isWrapped: (address: string) => boolean): LedgerEvent | undefined {
  const [address, topics, data] = log;
  const emitter = Buffer.from(address).toString("hex");
  const topic0 = topics[0] === undefined ? undefined : Buffer.from(topics[0]).toString("hex");
  if (emitter === BRIDGE) return readBridgeEvent(topic0, topics, data);
  const transferShape = (topics.length === 3 && data.length === 32) || (topics.length === 4 && data.length === 0);
  if (topic0 === TRANSFER && transferShape && isWrapped(emitter)) {
    return readTransfer(address, topics, data);
  }
  return undefined;
}

function readBridgeEvent(topic0: string | undefined, topics: Uint8Array[], data: Uint8Array): LedgerEvent | undefined {
  if (topic0 === WRAPPED_TOKEN_DEPLOYED) {
    return {
      type: "tokenDeployed",
      token: { address: data.slice(44, 64), kind: data[31] as AssetKind, l1Token: topics[1]!.slice(12) },
    };
  }
  if (topic0 === WITHDRAWAL_INITIATED) {
    return {
      type: "withdrawal",
      id: bytesToBigInt(topics[1]!),
      sender: word(topics[2]!),
      recipient: word(topics[3]!),
      kind: data[31] as AssetKind,
      token: word(data.subarray(32, 64)),
      amountOrId: bytesToBigInt(data.subarray(64, 96)),
    };
  }
  return undefined;
}

/** ERC20 `Transfer(from, to, value)` (value in data) or ERC721 `Transfer(from, to, tokenId)` (all indexed). */
function readTransfer(token: Uint8Array, topics: Uint8Array[], data: Uint8Array): LedgerEvent {
  const value = topics.length === 4 ? bytesToBigInt(topics[3]!) : bytesToBigInt(data.subarray(0, 32));
  return { type: "transfer", token, from: topics[1]!.slice(12), to: topics[2]!.slice(12), value };
}

function word(bytes: Uint8Array): Address {
  return getAddress(bytesToHex(bytes.subarray(12, 32)));
}
