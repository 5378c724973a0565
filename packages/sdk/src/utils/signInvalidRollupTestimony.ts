import { serializeSignature, type Hex } from "viem";
import type { InvalidRollupTestimony } from "../types/rollup.ts";
import { privateKeyToAddress, sign } from "viem/accounts";
import { hashInvalidRollupTestimony, type HashInvalidRollupTestimonyParameters } from "./hashInvalidRollupTestimony.ts";

export interface SignInvalidRollupTestimonyParameters extends HashInvalidRollupTestimonyParameters {
  /** The witness enclave's secp256k1 private key (an active enclave other than the publisher). */
  enclavePrivateKey: Hex;
}

export type SignInvalidRollupTestimonyReturnType = InvalidRollupTestimony;

/**
 * Signs the EIP-712 testimony `InvalidRollup(bytes32 rollupHash)` (domain "Obscuro
 * RollupSlashing" / "1") with an enclave key, as an enclave does after it executed a rollup and
 * found it invalid. `invalidRollupQuorum` such testimonies slash the publisher
 * ({@link slashInvalidRollup}).
 */
export async function signInvalidRollupTestimony(
  parameters: SignInvalidRollupTestimonyParameters,
): Promise<SignInvalidRollupTestimonyReturnType> {
  const { enclavePrivateKey, ...statement } = parameters;
  const digest = hashInvalidRollupTestimony(statement);
  const signature = serializeSignature(await sign({ hash: digest, privateKey: enclavePrivateKey }));
  return { witness: privateKeyToAddress(enclavePrivateKey), signature };
}
