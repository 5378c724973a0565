import { bytesToHex, type Address, type Hex } from "viem";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { computeEnclaveId } from "./computeEnclaveId.ts";
import { getEnclavePublicKey } from "./getEnclavePublicKey.ts";

/** A fresh enclave key pair and the enclave id it gives. */
export interface GenerateEnclaveKeyReturnType {
  /** 32-byte secp256k1 private key. Never leaves the enclave. */
  privateKey: Hex;
  /** 64-byte public key `x || y` (uncompressed, without the `0x04` prefix), as registered on L1. */
  publicKey: Hex;
  /** `enclaveId`: the Ethereum address of the key. */
  enclaveId: Address;
}

/**
 * Draws a new secp256k1 enclave key from the platform CSPRNG (`crypto.getRandomValues`) with
 * noble's `randomSecretKey` (48 random bytes reduced modulo `n - 1`, plus 1: no bias, never 0).
 */
export function generateEnclaveKey(): GenerateEnclaveKeyReturnType {
  const privateKey = bytesToHex(secp256k1.utils.randomSecretKey());
  const publicKey = getEnclavePublicKey(privateKey);
  return { privateKey, publicKey, enclaveId: computeEnclaveId(publicKey) };
}
