import type { Address, Hex, PublicClient } from "viem";
import { getContractEvents } from "viem/actions";
import { getRollup, rollupManagementAbi } from "@obscuro/sdk";
import type { L1TransactionRecord } from "../db/HostDatabase.ts";

export interface SupersededRollupParameters {
  rollupManagement: Address;
  /** Where to look for siblings from: the protocol's deployment block. */
  fromBlock: bigint;
}

/**
 * Whether a recorded rollup submission is superseded: another rollup on the same parent is on L1
 * and was not proved invalid. Sending ours then would only open a fork, which the fork rule
 * slashes; so the submitter gives its nonce to a cancellation instead (after a crash between
 * recording and broadcasting, say, while another aggregator took over the round).
 * Records of other kinds are never superseded.
 */
export async function isRollupSuperseded(
  client: PublicClient,
  record: L1TransactionRecord,
  { rollupManagement, fromBlock }: SupersededRollupParameters,
): Promise<boolean> {
  if (record.kind !== "rollup") return false;
  const { rollupHash, parentHash } = record.meta as { rollupHash?: Hex; parentHash?: Hex };
  if (rollupHash === undefined || parentHash === undefined) return false;
  const siblings = await getContractEvents(client, {
    address: rollupManagement,
    abi: rollupManagementAbi,
    eventName: "RollupSubmitted",
    args: { parentHash },
    fromBlock,
    strict: true,
  });
  for (const sibling of siblings) {
    if (sibling.args.rollupHash.toLowerCase() === rollupHash.toLowerCase()) return false; // ours is on L1 already
  }
  for (const sibling of siblings) {
    const { invalid } = await getRollup(client, {
      rollupHash: sibling.args.rollupHash,
      rollupManagementAddress: rollupManagement,
    });
    if (!invalid) return true;
  }
  return false;
}
