import { isHex, size, type Hex } from "viem";
import { SECP256K1_P } from "./constants.ts";

export type IsValidEnclavePublicKeyParameters = Hex;
export type IsValidEnclavePublicKeyReturnType = boolean;

/**
 * Whether `publicKey` is a 64-byte secp256k1 point (x ‖ y, each reduced modulo p, on
 * y² = x³ + 7): the check `DevAttestationVerifier` and `EnclavePolicy` make on chain.
 */
export function isValidEnclavePublicKey(
  publicKey: IsValidEnclavePublicKeyParameters,
): IsValidEnclavePublicKeyReturnType {
  if (!isHex(publicKey, { strict: true }) || publicKey.length % 2 !== 0 || size(publicKey) !== 64) return false;
  const x = BigInt(`0x${publicKey.slice(2, 66)}`);
  const y = BigInt(`0x${publicKey.slice(66, 130)}`);
  if (x >= SECP256K1_P || y >= SECP256K1_P) return false;
  return (y * y) % SECP256K1_P === (((x * x) % SECP256K1_P) * x + 7n) % SECP256K1_P;
}
