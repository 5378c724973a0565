import type { Hex } from "viem";
import { signTypedData } from "viem/accounts";
import {
  getInitializeNetworkTypedData,
  type GetInitializeNetworkTypedDataParameters,
} from "./getInitializeNetworkTypedData.ts";

export type SignInitializeNetworkParameters = GetInitializeNetworkTypedDataParameters & {
  /** The key that signs: the genesis enclave's key, or the network key. */
  privateKey: Hex;
};

/** A 65-byte `r || s || v` signature. */
export type SignInitializeNetworkReturnType = Hex;

/** Signs the `InitializeNetwork` statement with one key (the enclave's or the network key). */
export async function signInitializeNetwork(
  parameters: SignInitializeNetworkParameters,
): Promise<SignInitializeNetworkReturnType> {
  const { privateKey, ...statement } = parameters;
  return signTypedData({ privateKey, ...getInitializeNetworkTypedData(statement) });
}
