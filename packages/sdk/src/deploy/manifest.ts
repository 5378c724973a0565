import type { Address } from "viem";

/** The name of every contract the protocol deploys; grows with each module. */
export type ProtocolContractName = "ObscuroToken";

/**
 * What a deployment leaves behind, written to `deployments/<chainId>.json`: enough for the
 * node, the CLI and the explorer to find every contract and to start syncing at the right block.
 */
export interface DeploymentManifest {
  /** Manifest format version. */
  version: 1;
  chainId: number;
  /** The first block that holds protocol state: syncing starts here. */
  deployBlock: bigint;
  /** The git commit the contracts were built from (`unknown` outside a checkout). */
  commit: string;
  deployer: Address;
  /** ISO-8601 time of the deployment. */
  deployedAt: string;
  contracts: Record<ProtocolContractName, Address>;
  /** Non-address settings fixed at deploy, such as the token treasury. */
  settings: {
    treasury: Address;
    tokenSupply: bigint;
  };
}

/** Serializes a manifest to stable, human-readable JSON (bigints as decimal strings). */
export function serializeManifest(manifest: DeploymentManifest): string {
  return `${JSON.stringify(manifest, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
}
