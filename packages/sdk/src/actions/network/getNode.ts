import {
  zeroAddress,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import type { NodeStatus } from "../../types/network.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetNodeParameters {
  enclaveId: Address;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export interface GetNodeReturnType {
  enclaveId: Address;
  /** Zero for an unknown node. */
  operator: Address;
  status: NodeStatus;
  /** Unix seconds when the attestation expires. */
  expiresAt: bigint;
  /** Unix seconds of the registration. */
  requestedAt: bigint;
  measurement: Hex;
  /** The registration fee held while the node awaits the secret. */
  fee: bigint;
  /** Whether the node has a ciphertext on L1. */
  hasSecret: boolean;
  /** `isActive`: Active, unexpired and its measurement still approved, right now. */
  active: boolean;
}

export type GetNodeErrorType = ProtocolContractNotFoundError | ReadContractErrorType;

/**
 * A node's record and whether it is active now.
 * @throws {ProtocolContractNotFoundError} when the contract's address is neither given nor on the client's chain.
 * @example
 * const node = await getNode(publicClient, { enclaveId });
 * if (node.active) …
 */
export async function getNode(
  client: Client<Transport, Chain | undefined>,
  { enclaveId, networkManagementAddress }: GetNodeParameters,
): Promise<GetNodeReturnType> {
  const contract = protocolContract(client, "networkManagement", networkManagementAddress);
  const [node, active] = await Promise.all([
    readContract(client, { ...contract, functionName: "node", args: [enclaveId] }),
    readContract(client, { ...contract, functionName: "isActive", args: [enclaveId] }),
  ]);
  return {
    enclaveId,
    operator: node.operator,
    status: node.status as NodeStatus,
    expiresAt: BigInt(node.expiresAt),
    requestedAt: BigInt(node.requestedAt),
    measurement: node.measurement,
    fee: node.fee,
    hasSecret: node.secretData !== zeroAddress,
    active,
  };
}
