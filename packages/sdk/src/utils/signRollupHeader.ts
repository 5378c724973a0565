import { serializeSignature, type Address, type Hex } from "viem";
import { sign } from "viem/accounts";
import { hashRollupHeader } from "./hashRollupHeader.ts";
import type { RollupHeader } from "../types/rollup.ts";

export interface SignRollupHeaderParameters {
  header: RollupHeader;
  chainId: number;
  rollupManagement: Address;
  /** The enclave's secp256k1 private key (its address must be `header.enclaveId`). */
  enclavePrivateKey: Hex;
}

export interface SignRollupHeaderReturnType {
  /** The rollup hash that was signed. */
  rollupHash: Hex;
  /** 65-byte `r || s || v` signature. */
  signature: Hex;
}

/** Signs a rollup header with the enclave key, as the enclave does before its host publishes it. */
export async function signRollupHeader(parameters: SignRollupHeaderParameters): Promise<SignRollupHeaderReturnType> {
  const rollupHash = hashRollupHeader(parameters);
  const signature = serializeSignature(await sign({ hash: rollupHash, privateKey: parameters.enclavePrivateKey }));
  return { rollupHash, signature };
}
