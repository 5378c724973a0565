import { getAddress, keccak256, type Address, type Hex, type TypedDataDefinition } from "viem";
import { NETWORK_MANAGEMENT_DOMAIN, networkManagementTypes } from "./typedData.ts";

export interface GetSecretResponseTypedDataParameters {
  chainId: number;
  /** The `NetworkManagement` proxy. */
  networkManagement: Address;
  /** The enclave that receives the secret. */
  requester: Address;
  /** The active enclave that sends it (and whose operator is paid). */
  responder: Address;
  /** The master secret encrypted to the requester's key (129 bytes). */
  encryptedSecret: Hex;
}

export type GetSecretResponseTypedDataReturnType = TypedDataDefinition<typeof networkManagementTypes, "SecretResponse">;

/**
 * The EIP-712 statement `SecretResponse(address requester,address responder,bytes32 encryptedSecretHash)`
 * that a responder signs with its enclave key (`responderSig`) and with the network key (`networkSig`).
 */
export function getSecretResponseTypedData(
  parameters: GetSecretResponseTypedDataParameters,
): GetSecretResponseTypedDataReturnType {
  return {
    domain: {
      ...NETWORK_MANAGEMENT_DOMAIN,
      chainId: parameters.chainId,
      verifyingContract: getAddress(parameters.networkManagement),
    },
    types: networkManagementTypes,
    primaryType: "SecretResponse",
    message: {
      requester: getAddress(parameters.requester),
      responder: getAddress(parameters.responder),
      encryptedSecretHash: keccak256(parameters.encryptedSecret),
    },
  };
}
