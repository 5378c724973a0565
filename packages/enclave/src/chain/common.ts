import { createCustomCommon, Hardfork, Mainnet, type Common } from "@ethereumjs/common";
import { nativeCrypto } from "./crypto.ts";

/** The L2's EVM rules: Ethereum's Prague, with the L2's chain id (docs/l2-chain.md). */
export const L2_HARDFORK = Hardfork.Prague;

/** A `Common` for the L2: Prague, `chainId`, native keccak and secp256k1. */
export function createL2Common(chainId: bigint): Common {
  return createCustomCommon({ chainId: Number(chainId), name: "obscuro-l2" }, Mainnet, {
    hardfork: L2_HARDFORK,
    customCrypto: nativeCrypto,
  });
}
