import type { Address, Hex } from "viem";

/** A call the council Safe makes: the Safe transaction its owners sign (EIP-712 `SafeTx`, no refund, a plain call). */
export interface CouncilTransaction {
  /** The chain of the Safe. */
  chainId: number;
  /** The council Safe. */
  safe: Address;
  /** The contract the Safe calls. */
  to: Address;
  data: Hex;
  /** The Safe's nonce the signatures are for: they count only while it is the Safe's current nonce. */
  nonce: bigint;
}

/** One owner's signature of a {@link CouncilTransaction}. */
export interface CouncilSignature {
  signer: Address;
  /** 65 bytes, r ‖ s ‖ v (v 27 or 28). */
  signature: Hex;
}
