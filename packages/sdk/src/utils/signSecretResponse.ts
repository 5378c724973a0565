import type { Hex } from "viem";
import { signTypedData } from "viem/accounts";
import { getSecretResponseTypedData, type GetSecretResponseTypedDataParameters } from "./getSecretResponseTypedData.ts";

export type SignSecretResponseParameters = GetSecretResponseTypedDataParameters & {
  /** The key that signs: the responder enclave's key, or the network key. */
  privateKey: Hex;
};

/** A 65-byte `r || s || v` signature. */
export type SignSecretResponseReturnType = Hex;

/** Signs the `SecretResponse` statement with one key (the responder enclave's or the network key). */
export async function signSecretResponse(
  parameters: SignSecretResponseParameters,
): Promise<SignSecretResponseReturnType> {
  const { privateKey, ...statement } = parameters;
  return signTypedData({ privateKey, ...getSecretResponseTypedData(statement) });
}
