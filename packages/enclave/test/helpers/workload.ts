import { AssetKind, l2BridgeAbi, type Deposit } from "@obscuro/sdk";
import { keccak256, toHex, zeroAddress, type Address } from "viem";
import type { BatchInput } from "../../src/index.ts";
import { callData, ETHER, hexBytes, signTx, wallet } from "./chain.ts";

/** A deterministic chain history: block `n`'s batch depends on `n` alone, so runs can be compared. */
export const WALLETS = Array.from({ length: 8 }, (_, i) => wallet(100 + i));
export const L1_TOKEN: Address = "0x00000000000000000000000000000000000a11ce";
export const COINBASE: Address = "0x00000000000000000000000000000000000C0FFE".toLowerCase() as Address;
const RECIPIENT_L1: Address = "0x000000000000000000000000000000000000beef";

/** Deposits of block `n`: everyone funded in block 1, one more ETH deposit every 7th block. */
function depositsOf(n: bigint): Deposit[] {
  const eth = (index: bigint, to: Address): Deposit => ({
    index,
    kind: AssetKind.Eth,
    from: zeroAddress,
    to,
    token: zeroAddress,
    amountOrId: 100n * ETHER,
  });
  if (n === 1n) {
    return [
      ...WALLETS.map((w, i) => eth(BigInt(i), w.address)),
      {
        index: 8n,
        kind: AssetKind.Erc20,
        from: zeroAddress,
        to: WALLETS[1]!.address,
        token: L1_TOKEN,
        amountOrId: 10_000n,
      },
    ];
  }
  if (n % 7n === 0n) return [eth(8n + n / 7n, WALLETS[Number(n % 8n)]!.address)];
  return [];
}

/** Transactions of block `n` (from block 2): each wallet sends one, wallet 0 withdraws every 5th block. */
async function transactionsOf(n: bigint): Promise<Uint8Array[]> {
  if (n < 2n) return [];
  const nonce = Number(n - 2n);
  return Promise.all(
    WALLETS.map(async (w, i) => {
      if (i === 0 && n % 5n === 0n) {
        return hexBytes(
          await signTx(w, {
            nonce,
            to: "0x4F00000000000000000000000000000000000001",
            value: ETHER / 100n,
            data: callData(l2BridgeAbi, "withdrawEth", [RECIPIENT_L1]),
          }),
        );
      }
      return hexBytes(
        await signTx(w, { nonce, to: WALLETS[(i + 1) % 8]!.address, value: BigInt(i + 1) * 1_000n, gas: 21_000n }),
      );
    }),
  );
}

/** Block `n`'s batch on a parent of hash `parentHash`. */
export async function workloadBatch(n: bigint, parentHash: `0x${string}`): Promise<BatchInput> {
  return {
    number: n,
    parentHash,
    timestamp: 1_000n + n,
    l1BlockNumber: n,
    l1BlockHash: keccak256(toHex(`workload-l1-${n}`)),
    coinbase: COINBASE,
    deposits: depositsOf(n),
    transactions: await transactionsOf(n),
  };
}
