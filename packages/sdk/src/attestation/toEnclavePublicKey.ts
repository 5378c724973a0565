import { isHex, type Hex } from "viem";
import { InvalidEnclavePublicKeyError } from "./errors.ts";
import { isValidEnclavePublicKey } from "./isValidEnclavePublicKey.ts";

export type ToEnclavePublicKeyParameters = Hex;
/** 64 bytes, x ‖ y, lower case. */
export type ToEnclavePublicKeyReturnType = Hex;

/**
 * Normalizes a secp256k1 public key to the protocol's form: 64 bytes x ‖ y without the `0x04`
 * prefix. Takes either that form or the 65-byte SEC 1 uncompressed form (`0x04 ‖ x ‖ y`, what
 * viem's `privateKeyToAccount(key).publicKey` returns).
 * @throws {InvalidEnclavePublicKeyError} when the key is not a point on secp256k1.
 */
export function toEnclavePublicKey(publicKey: ToEnclavePublicKeyParameters): ToEnclavePublicKeyReturnType {
  let key = typeof publicKey === "string" ? publicKey.toLowerCase() : "";
  if (isHex(key, { strict: true }) && key.length === 2 + 130 && key.startsWith("0x04")) key = `0x${key.slice(4)}`;
  if (!isValidEnclavePublicKey(key as Hex)) {
    throw new InvalidEnclavePublicKeyError("The enclave public key is not a point on secp256k1.", {
      details: `expected 64 bytes (x ‖ y) or 65 bytes (0x04 ‖ x ‖ y), got ${String(publicKey)}`,
    });
  }
  return key as Hex;
}
