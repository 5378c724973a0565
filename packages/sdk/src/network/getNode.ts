import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { networkManagementAbi } from "../generated/index.ts";
import type { NodeStatus } from "./constants.ts";

export interface GetNodeParameters {
  client: Client;
  networkManagement: Address;
  enclaveId: Address;
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
  measurement: `0x${string}`;
  /** The registration fee held while the node awaits the secret. */
  fee: bigint;
  /** Whether the node has a ciphertext on L1. */
  hasSecret: boolean;
  /** `isActive`: Active, unexpired and its measurement still approved, right now. */
  active: boolean;
}

/** A node's record and whether it is active now. */
export async function getNode({ client, networkManagement, enclaveId }: GetNodeParameters): Promise<GetNodeReturnType> {
  const contract = { address: networkManagement, abi: networkManagementAbi } as const;
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
    hasSecret: node.secretData !== "0x0000000000000000000000000000000000000000",
    active,
  };
}
