import { hashTypedData, type Address, type Hex } from "viem";
import type { RollupHeader } from "../types/rollup.ts";
import { rollupHeaderTypes, rollupManagementDomain } from "./typedData.ts";

export interface HashRollupHeaderParameters {
  header: RollupHeader;
  chainId: number;
  rollupManagement: Address;
}

/** A rollup's hash: the EIP-712 digest of its header, exactly as `RollupManagement.hashHeader` computes it. */
export function hashRollupHeader({ header, chainId, rollupManagement }: HashRollupHeaderParameters): Hex {
  return hashTypedData({
    domain: rollupManagementDomain({ chainId, rollupManagement }),
    types: rollupHeaderTypes,
    primaryType: "RollupHeader",
    message: header,
  });
}
