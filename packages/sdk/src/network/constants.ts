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

/** `INetworkRegistry.NodeStatus`. */
export const NodeStatus = {
  /** Never registered, or its registration was cancelled. */
  None: 0,
  /** Registered; waits for a node holding the secret to respond. */
  AwaitingSecret: 1,
  /** Holds the secret (its ciphertext is on L1). */
  Active: 2,
  /** Retired by its operator, for ever. */
  Deregistered: 3,
} as const;
export type NodeStatus = (typeof NodeStatus)[keyof typeof NodeStatus];

/** The length of the ECIES ciphertext of the 32-byte master secret that L1 stores per node. */
export const ENCRYPTED_SECRET_LENGTH = 129;

/** The longest host address `NetworkManagement` accepts, in bytes (UTF-8). */
export const MAX_HOST_ADDRESS_LENGTH = 256;
