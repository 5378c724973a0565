import {
  getAddress,
  type Address,
  type Chain,
  type Client,
  type GetContractEventsErrorType,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { getContractEvents } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { getProtocolDeployBlock } from "../../utils/getProtocolAddress.ts";
import { protocolContract } from "../../utils/protocolContract.ts";
import { getNode, type GetNodeReturnType } from "./getNode.ts";

export interface GetNodesParameters {
  /** The first block to scan for registrations. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

/** Every node that ever registered, oldest registration first, each with its record now. */
export type GetNodesReturnType = (GetNodeReturnType & {
  /** The enclave's public key, from its latest registration. */
  enclavePublicKey: Hex;
  /** The L1 block of its latest registration. */
  registeredAtBlock: bigint;
})[];

export type GetNodesErrorType = ProtocolContractNotFoundError | GetContractEventsErrorType | ReadContractErrorType;

/**
 * Every node that registered since `fromBlock` (its `SecretRequested` events), with its record
 * and whether it is active now: awaiting the secret, active, expired, deregistered or cancelled
 * (`status` None again).
 * @throws {ProtocolContractNotFoundError} when NetworkManagement's address is neither given nor on the chain.
 * @example
 * const active = (await getNodes(publicClient, {})).filter((node) => node.active);
 */
export async function getNodes(
  client: Client<Transport, Chain | undefined>,
  parameters: GetNodesParameters = {},
): Promise<GetNodesReturnType> {
  const contract = protocolContract(client, "networkManagement", parameters.networkManagementAddress);
  const logs = await getContractEvents(client, {
    ...contract,
    eventName: "SecretRequested",
    fromBlock: getProtocolDeployBlock(client, parameters.fromBlock),
    toBlock: "latest",
    strict: true,
  });
  const latest = new Map<Address, { enclavePublicKey: Hex; registeredAtBlock: bigint }>();
  for (const { args, blockNumber } of logs) {
    const enclaveId = getAddress(args.enclaveId);
    latest.delete(enclaveId);
    latest.set(enclaveId, { enclavePublicKey: args.enclavePublicKey, registeredAtBlock: blockNumber });
  }
  return Promise.all(
    [...latest].map(async ([enclaveId, registration]) => ({
      ...(await getNode(client, { enclaveId, networkManagementAddress: contract.address })),
      ...registration,
    })),
  );
}
