import type { Address } from "viem";

/** The contracts every deployment has. `AttestationVerifier` is the dev or the DCAP verifier (`settings.attestation.kind`). */
export type CoreContractName =
  | "ObscuroToken"
  | "AttestationVerifier"
  | "EnclavePolicy"
  | "NetworkManagement"
  | "BridgeManagement"
  | "RollupSlashing"
  | "RollupManagement";

/** Contracts a deployment has only when it deployed its own token-holder governance. */
export type GovernanceContractName = "ObscuroTimelock" | "ObscuroGovernor";

/** The DCAP verifier's registries, in a deployment with `attestation.kind: "dcap"`. */
export type DcapRegistryName = "DcapCertificateRegistry" | "DcapCollateralRegistry";

/** The name of every contract the protocol deploys. */
export type ProtocolContractName = CoreContractName | GovernanceContractName | DcapRegistryName;

/**
 * What a deployment leaves behind, written to `deployments/<chainId>.json`: enough for the
 * node, the CLI and the explorer to find every contract and to start syncing at the right block.
 */
export interface DeploymentManifest {
  /**
   * Manifest format version: 2 (the verifier under `contracts.AttestationVerifier`, its kind in
   * `settings.attestation.kind`). Version 1 files (`contracts.DevAttestationVerifier`) are read as 2.
   */
  version: 2;
  chainId: number;
  /** The first block that holds protocol state: syncing starts here. */
  deployBlock: bigint;
  /** The git commit the contracts were built from (`unknown` outside a checkout). */
  commit: string;
  deployer: Address;
  /** ISO-8601 time of the deployment. */
  deployedAt: string;
  /** Every contract by name; for upgradeable modules, the proxy (the address everyone uses). */
  contracts: Record<CoreContractName, Address> & Partial<Record<GovernanceContractName | DcapRegistryName, Address>>;
  /** The implementation behind each upgradeable module's proxy at deploy time. */
  implementations: Partial<Record<ProtocolContractName, Address>>;
  /** Settings fixed at deploy, such as the token treasury. */
  settings: {
    treasury: Address;
    tokenSupply: bigint;
    /** Governs every module (the Timelock in a real deployment). */
    governance: Address;
    /** The security council. */
    council: Address;
    /** The Governor and Timelock settings, when the deployment created its own governance. */
    governanceDao?: {
      timelock: Address;
      governor: Address;
      /** Seconds. */
      votingDelay: number;
      /** Seconds. */
      votingPeriod: number;
      /** OBX wei. */
      proposalThreshold: bigint;
      /** Percent of the supply. */
      quorumNumerator: bigint;
      /** Seconds. */
      timelockDelay: number;
    };
    /** The council Safe's owners and threshold, when the deployment created the Safe. */
    councilSafe?: { owners: Address[]; threshold: number };
    /**
     * The attestation setup at deploy (governance may have changed the policy since): the dev
     * verifier and its vendor, or the DCAP verifier (its registries are under `contracts`).
     */
    attestation: ({ kind: "dev"; vendor: Address } | { kind: "dcap" }) & {
      auditors: Address[];
      threshold: number;
    };
    /** NetworkManagement's parameters at deploy (governance may have changed them since). */
    network: {
      /** ETH wei. */
      registrationFee: bigint;
      /** OBX wei. */
      minStake: bigint;
      /** Seconds. */
      unbondingPeriod: number;
      /** Seconds. */
      responseTimeout: number;
      treasury: Address;
    };
    /** RollupManagement's parameters at deploy. */
    rollup: {
      /** L1 blocks. */
      finalityDelay: number;
      /** L1 blocks. */
      forkExpiry: number;
      /** Seconds. */
      keyRotationPeriod: number;
      /** Seconds. */
      disclosureDelay: number;
    };
    /** RollupSlashing's parameters at deploy. */
    slashing: {
      slashDepth: number;
      reporterShareBps: number;
      /** OBX wei. */
      forkSlashAmount: bigint;
      invalidRollupQuorum: number;
      invalidRollupRewardBps: number;
    };
  };
}

/** Serializes a manifest to stable, human-readable JSON (bigints as decimal strings). */
export function serializeManifest(manifest: DeploymentManifest): string {
  return `${JSON.stringify(manifest, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
}
