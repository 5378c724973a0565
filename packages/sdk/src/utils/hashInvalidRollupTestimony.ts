import { hashTypedData, type Address, type Hex } from "viem";
import { invalidRollupTypes, rollupSlashingDomain } from "./typedData.ts";

export interface HashInvalidRollupTestimonyParameters {
  /** The hash of the rollup testified against ({@link hashRollupHeader}). */
  rollupHash: Hex;
  chainId: number;
  /** The `RollupSlashing` proxy. */
  rollupSlashing: Address;
}

/** The digest an enclave signs to testify that a rollup is invalid, as `RollupSlashing.hashInvalidRollup` computes it. */
export function hashInvalidRollupTestimony({
  rollupHash,
  chainId,
  rollupSlashing,
}: HashInvalidRollupTestimonyParameters): Hex {
  return hashTypedData({
    domain: rollupSlashingDomain({ chainId, rollupSlashing }),
    types: invalidRollupTypes,
    primaryType: "InvalidRollup",
    message: { rollupHash },
  });
}
