import { getAddress, keccak256, type Address, type Hex, type TypedDataDefinition } from "viem";
import { NETWORK_MANAGEMENT_DOMAIN, networkManagementTypes } from "./typedData.ts";

export interface GetInitializeNetworkTypedDataParameters {
  chainId: number;
  /** The `NetworkManagement` proxy. */
  networkManagement: Address;
  /** The master secret encrypted to the genesis enclave's own key (129 bytes). */
  encryptedSecret: Hex;
  /** The address of the network key derived from the master secret. */
  networkKey: Address;
}

export type GetInitializeNetworkTypedDataReturnType = TypedDataDefinition<
  typeof networkManagementTypes,
  "InitializeNetwork"
>;

/**
 * The EIP-712 statement `InitializeNetwork(bytes32 encryptedSecretHash,address networkKey)` that
 * the genesis enclave signs with its enclave key and again with the network key. Pass it to
 * viem's `signTypedData` or `hashTypedData`.
 */
export function getInitializeNetworkTypedData(
  parameters: GetInitializeNetworkTypedDataParameters,
): GetInitializeNetworkTypedDataReturnType {
  return {
    domain: {
      ...NETWORK_MANAGEMENT_DOMAIN,
      chainId: parameters.chainId,
      verifyingContract: getAddress(parameters.networkManagement),
    },
    types: networkManagementTypes,
    primaryType: "InitializeNetwork",
    message: {
      encryptedSecretHash: keccak256(parameters.encryptedSecret),
      networkKey: getAddress(parameters.networkKey),
    },
  };
}
