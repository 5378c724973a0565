import { zeroAddress, type Address } from "viem";
import { InvalidDepositError } from "./errors.ts";

/** Refuses a deposit that the bridge would refuse, before anything is sent. */
export function requireDeposit(to: Address, amount: bigint): void {
  if (to === zeroAddress) throw new InvalidDepositError("The L2 recipient is the zero address.");
  if (amount <= 0n) throw new InvalidDepositError("The amount must be positive.", { details: `got ${amount}` });
}
