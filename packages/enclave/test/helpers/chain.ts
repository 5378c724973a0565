import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssetKind, type Deposit } from "@obscuro/sdk";
import {
  decodeFunctionResult,
  encodeFunctionData,
  keccak256,
  toHex,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
  type TransactionSerializable,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { L2Chain, StaticSealingKey, type BatchInput, type L2ChainOptions } from "../../src/index.ts";

export const CHAIN_ID = 443;
export const SEALING_KEY = new StaticSealingKey(new Uint8Array(32).fill(7));
export const GWEI = 1_000_000_000n;
export const ETHER = 10n ** 18n;

/** A fresh temporary directory, removed by `cleanup`. */
export async function tempDirectory(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "obscuro-chain-"));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export function openChain(directory: string, options: Partial<L2ChainOptions> = {}): Promise<L2Chain> {
  return L2Chain.open({ directory, sealingKey: SEALING_KEY, ...options });
}

/** Deterministic test accounts. */
export function wallet(index: number): PrivateKeyAccount {
  return privateKeyToAccount(keccak256(toHex(`obscuro-test-wallet-${index}`)));
}

/** The next batch on the chain's head (one second and one L1 block later unless told). */
export function nextBatch(chain: L2Chain, fields: Partial<BatchInput> = {}): BatchInput {
  const head = chain.head;
  const l1BlockNumber = fields.l1BlockNumber ?? head.l1BlockNumber + 1n;
  return {
    number: head.number + 1n,
    parentHash: head.hash,
    timestamp: head.timestamp + 1n,
    l1BlockNumber,
    l1BlockHash: keccak256(toHex(`l1-block-${l1BlockNumber}`)),
    coinbase: "0x00000000000000000000000000000000000c0ffe",
    deposits: [],
    transactions: [],
    ...fields,
  };
}

/** Deposits continuing the chain's queue. */
export function deposits(
  chain: L2Chain,
  items: { kind?: AssetKind; to: Address; token?: Address; amountOrId: bigint; from?: Address }[],
): Deposit[] {
  let index = chain.nextDepositIndex;
  return items.map((item) => ({
    index: index++,
    kind: item.kind ?? AssetKind.Eth,
    from: item.from ?? "0x000000000000000000000000000000000000d3d0",
    to: item.to,
    token: item.token ?? zeroAddress,
    amountOrId: item.amountOrId,
  }));
}

/** The fields tests set on a transaction. */
export interface TxFields {
  nonce: number;
  to?: Address;
  value?: bigint;
  data?: Hex;
  gas?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  gasPrice?: bigint;
  chainId?: number;
  type?: "eip1559" | "eip2930" | "legacy";
}

/** Signs an EIP-1559 transaction for the L2 (defaults: 100k gas, 10 gwei cap, 1 gwei tip). */
export async function signTx(account: PrivateKeyAccount, tx: TxFields): Promise<Hex> {
  const fees =
    tx.type === "legacy" || tx.type === "eip2930"
      ? { gasPrice: 10n * GWEI }
      : { maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI };
  return account.signTransaction({
    chainId: CHAIN_ID,
    type: "eip1559",
    gas: 100_000n,
    ...fees,
    ...tx,
  } as TransactionSerializable);
}

/** Calldata of a contract call. */
export function callData(abi: Abi, functionName: string, args: readonly unknown[]): Hex {
  return encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
}

export const hexBytes = (hex: Hex): Uint8Array => Uint8Array.from(Buffer.from(hex.slice(2), "hex"));

/** Calls a view function on the chain's latest state and decodes the result. */
export async function read<T>(
  chain: L2Chain,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<T> {
  const result = await chain.call({ to: address, data: callData(abi, functionName, args) });
  if (result.reverted) throw new Error(`${functionName} reverted: ${result.returnData}`);
  return decodeFunctionResult({ abi, functionName, data: result.returnData } as Parameters<
    typeof decodeFunctionResult
  >[0]) as T;
}
