import type { Address } from "viem";

/** The L2's default chain id. */
export const L2_CHAIN_ID = 443n;

/** Where the L2 genesis places the L2 bridge (`L2Bridge`), a predeploy. */
export const L2_BRIDGE_ADDRESS: Address = "0x4F00000000000000000000000000000000000001";

/**
 * The address system calls come from (deposits): no key controls it. The same value as the
 * system address of EIP-4788 and EIP-2935.
 */
export const L2_SYSTEM_ADDRESS: Address = "0xffffFFFfFFffffffffffffffFfFFFfffFFFfFFfE";
