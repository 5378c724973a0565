import { encodeAbiParameters, keccak256, type Hex } from "viem";
import type { Deposit } from "../types/bridge.ts";

/**
 * One step of the bridge's deposit accumulator:
 * `keccak256(abi.encode(acc, index, kind, from, to, token, amountOrId))`, starting from zero.
 * The L2 recomputes it to prove which deposits a rollup consumed.
 */
export function depositAccumulatorStep(acc: Hex, deposit: Deposit): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "uint64" },
        { type: "uint8" },
        { type: "address" },
        { type: "address" },
        { type: "address" },
        { type: "uint256" },
      ],
      [acc, deposit.index, deposit.kind, deposit.from, deposit.to, deposit.token, deposit.amountOrId],
    ),
  );
}

/** The accumulator after `deposits`, in order, starting from `initial` (zero for the empty queue). */
export function computeDepositAccumulator(deposits: readonly Deposit[], initial: Hex = `0x${"00".repeat(32)}`): Hex {
  return deposits.reduce<Hex>((acc, deposit) => depositAccumulatorStep(acc, deposit), initial);
}
