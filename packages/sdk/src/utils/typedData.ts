import type { Address } from "viem";

/*
 * The EIP-712 statements of the protocol, their types and their domains. Field order is part of
 * the protocol: each matches the contract's type hash exactly.
 */

/** The EIP-712 types of a rollup header (`RollupManagement`). */
export const rollupHeaderTypes = {
  RollupHeader: [
    { name: "parentHash", type: "bytes32" },
    { name: "number", type: "uint64" },
    { name: "l1BlockNumber", type: "uint64" },
    { name: "l1BlockHash", type: "bytes32" },
    { name: "depositCount", type: "uint64" },
    { name: "depositAcc", type: "bytes32" },
    { name: "stateRoot", type: "bytes32" },
    { name: "withdrawalRoot", type: "bytes32" },
    { name: "dataHash", type: "bytes32" },
    { name: "keyEpoch", type: "uint32" },
    { name: "keyCommitment", type: "bytes32" },
    { name: "enclaveId", type: "address" },
  ],
} as const;

/** The EIP-712 domain of a RollupManagement deployment (the proxy is the verifying contract). */
export function rollupManagementDomain({ chainId, rollupManagement }: { chainId: number; rollupManagement: Address }) {
  return { name: "Obscuro RollupManagement", version: "1", chainId, verifyingContract: rollupManagement } as const;
}

/**
 * The EIP-712 type of an enclave's testimony that a rollup is invalid (`RollupSlashing`,
 * `InvalidRollup(bytes32 rollupHash)`), signed with the enclave key.
 */
export const invalidRollupTypes = {
  InvalidRollup: [{ name: "rollupHash", type: "bytes32" }],
} as const;

/** The EIP-712 domain of a RollupSlashing deployment (the proxy is the verifying contract). */
export function rollupSlashingDomain({ chainId, rollupSlashing }: { chainId: number; rollupSlashing: Address }) {
  return { name: "Obscuro RollupSlashing", version: "1", chainId, verifyingContract: rollupSlashing } as const;
}

/** The EIP-712 domain of `NetworkManagement` (with the chain id and the proxy as `verifyingContract`). */
export const NETWORK_MANAGEMENT_DOMAIN = { name: "Obscuro NetworkManagement", version: "1" } as const;

/** The two statements of the registration protocol (docs/network.md). */
export const networkManagementTypes = {
  InitializeNetwork: [
    { name: "encryptedSecretHash", type: "bytes32" },
    { name: "networkKey", type: "address" },
  ],
  SecretResponse: [
    { name: "requester", type: "address" },
    { name: "responder", type: "address" },
    { name: "encryptedSecretHash", type: "bytes32" },
  ],
} as const;

/** The EIP-712 domain name and version of `EnclavePolicy`. */
export const ENCLAVE_POLICY_DOMAIN = { name: "Obscuro EnclavePolicy", version: "1" } as const;

/** The EIP-712 types auditors sign. */
export const enclavePolicyTypes = {
  ApproveMeasurement: [
    { name: "measurement", type: "bytes32" },
    { name: "policyVersion", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  RevokeMeasurement: [
    { name: "measurement", type: "bytes32" },
    { name: "policyVersion", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;
