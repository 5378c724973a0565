import { getAddress, keccak256, slice, type Address } from "viem";
import type { BytesLike } from "./bytes.ts";
import { publicKeyBytes } from "./secp256k1.ts";

/**
 * The `enclaveId` of a public key: its Ethereum address,
 * `address(uint160(uint256(keccak256(x || y))))`, checksummed. Accepts the key in any form
 * {@link parseEnclavePublicKey} accepts and checks it is on the curve first.
 * @throws {InvalidPublicKeyError}
 */
export function computeEnclaveId(publicKey: BytesLike): Address {
  return getAddress(slice(keccak256(publicKeyBytes(publicKey)), 12));
}
