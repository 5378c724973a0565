import { getAddress, type Address, type Hex } from "viem";
import type { RollupHeader, Withdrawal } from "@obscuro/sdk";
import type { L2 } from "./context.ts";
import { l2Request } from "./l2.ts";

/** One of the account's L2 withdrawals, as the enclave lists it (`obscuro_getWithdrawals`). */
export interface L2WithdrawalEntry extends Withdrawal {
  sender: Address;
  blockNumber: bigint;
  transactionHash: Hex;
  /** The rollup carrying it, once one applied on L1 does. */
  rollupHash: Hex | null;
}

export async function listWithdrawals(l2: L2, account: Address): Promise<L2WithdrawalEntry[]> {
  const raw = await l2Request<Record<string, unknown>[]>(l2, "obscuro_getWithdrawals", [account]);
  return raw.map((w) => ({
    ...toWithdrawal(w),
    sender: getAddress(w.sender as string),
    blockNumber: BigInt(w.blockNumber as string),
    transactionHash: w.transactionHash as Hex,
    rollupHash: (w.rollupHash as Hex | null) ?? null,
  }));
}

/** The proof of a withdrawal against its rollup's `withdrawalRoot`, in the form `finalizeWithdrawal` takes. */
export async function withdrawalProof(l2: L2, account: Address, rollupHash: Hex, id: bigint) {
  const raw = await l2Request<{ header: Record<string, unknown>; withdrawal: Record<string, unknown>; proof: Hex[] }>(
    l2,
    "obscuro_getWithdrawalProof",
    [rollupHash, `0x${id.toString(16)}`, account],
  );
  return { header: toHeader(raw.header), withdrawal: toWithdrawal(raw.withdrawal), proof: raw.proof };
}

/** A header as the enclave's JSON carries it (quantities in hex), as the SDK takes it. */
export function toHeader(header: Record<string, unknown>): RollupHeader {
  return {
    ...(header as unknown as RollupHeader),
    number: BigInt(header.number as string),
    l1BlockNumber: BigInt(header.l1BlockNumber as string),
    depositCount: BigInt(header.depositCount as string),
    keyEpoch: Number(header.keyEpoch),
  };
}

export function toWithdrawal(withdrawal: Record<string, unknown>): Withdrawal {
  return {
    id: BigInt(withdrawal.id as string),
    recipient: getAddress(withdrawal.recipient as string),
    kind: Number(withdrawal.kind) as Withdrawal["kind"],
    token: getAddress(withdrawal.token as string),
    amountOrId: BigInt(withdrawal.amountOrId as string),
  };
}
