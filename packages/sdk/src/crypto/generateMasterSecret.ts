import { bytesToHex, type Hex } from "viem";
import { randomBytes } from "@noble/hashes/utils.js";
import { MASTER_SECRET_LENGTH } from "./constants.ts";

/**
 * Draws the network's 32-byte master secret from the platform CSPRNG (`crypto.getRandomValues`).
 * Done once, at genesis, by the first attested aggregator's enclave; every other key of the
 * network (the network key, every rollup epoch key) is derived from it.
 */
export function generateMasterSecret(): Hex {
  return bytesToHex(randomBytes(MASTER_SECRET_LENGTH));
}
