import { bytesToHex, type Hex } from "viem";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { BytesLike } from "./bytes.ts";
import { privateKeyBytes } from "./secp256k1.ts";

/**
 * The 64-byte public key `x || y` (uncompressed, without the `0x04` prefix) of a secp256k1
 * private key: the form registered on L1 and hashed into `enclaveId` and `reportData`.
 * @throws {InvalidPrivateKeyError} when the private key is not a valid secp256k1 scalar.
 */
export function getEnclavePublicKey(privateKey: BytesLike): Hex {
  return bytesToHex(secp256k1.getPublicKey(privateKeyBytes(privateKey), false).subarray(1));
}
