import { getAddress, type Hex } from "viem";
import { DuplicateAuditorSignatureError } from "../attestation/errors.ts";
import type { AuditorSignature } from "../types/attestation.ts";

export type SortAuditorSignaturesParameters = readonly AuditorSignature[];
/** The signatures, in the order `EnclavePolicy` requires. */
export type SortAuditorSignaturesReturnType = Hex[];

/**
 * Orders auditor signatures by signer address, strictly ascending, as `EnclavePolicy` requires
 * (the order is how it refuses a signer counted twice).
 * @throws {DuplicateAuditorSignatureError} when two signatures come from the same signer.
 */
export function sortAuditorSignatures(signatures: SortAuditorSignaturesParameters): SortAuditorSignaturesReturnType {
  const sorted = signatures
    .map(({ signer, signature }) => ({ key: BigInt(getAddress(signer)), signer, signature }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.key === sorted[i - 1]!.key) {
      throw new DuplicateAuditorSignatureError("Two signatures come from the same auditor.", {
        details: `signer ${getAddress(sorted[i]!.signer)}`,
      });
    }
  }
  return sorted.map(({ signature }) => signature);
}
