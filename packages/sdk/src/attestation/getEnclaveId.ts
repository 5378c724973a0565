import { getAddress, keccak256, slice, type Address, type Hex } from "viem";
import { toEnclavePublicKey } from "./toEnclavePublicKey.ts";

export interface GetEnclaveIdParameters {
  /** The enclave's secp256k1 public key, 64 bytes (x ‖ y) or 65 bytes (0x04 ‖ x ‖ y). */
  enclavePublicKey: Hex;
}
export type GetEnclaveIdReturnType = Address;

/**
 * The enclave's id: the address of its key, `address(uint160(uint256(keccak256(publicKey64))))`
 * (docs/protocol.md, Conventions).
 * @throws {InvalidEnclavePublicKeyError} when the key is not a point on secp256k1.
 */
export function getEnclaveId({ enclavePublicKey }: GetEnclaveIdParameters): GetEnclaveIdReturnType {
  return getAddress(slice(keccak256(toEnclavePublicKey(enclavePublicKey)), 12));
}
