import type { Address } from "viem";

/**
 * The EIP-712 type of an enclave's testimony that a rollup is invalid (`RollupSlashing`,
 * `InvalidRollup(bytes32 rollupHash)`), signed with the enclave key.
 */
export const invalidRollupTypes = {
  InvalidRollup: [{ name: "rollupHash", type: "bytes32" }],
} as const;

/** The EIP-712 domain of a RollupSlashing deployment (the proxy is the verifying contract). */
export function rollupSlashingDomain({ chainId, rollupSlashing }: { chainId: number; rollupSlashing: Address }) {
  return { name: "Obscuro RollupSlashing", version: "1", chainId, verifyingContract: rollupSlashing } as const;
}
