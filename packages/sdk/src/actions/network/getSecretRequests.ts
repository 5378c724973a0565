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
import { getContractEvents, readContract } from "viem/actions";
import { computeEnclaveId } from "../../crypto/computeEnclaveId.ts";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { InvalidSecretRequestError } from "../../errors/network.ts";
import { NodeStatus, type SecretRequest } from "../../types/network.ts";
import { getProtocolDeployBlock } from "../../utils/getProtocolAddress.ts";
import { protocolContract } from "../../utils/protocolContract.ts";

export interface GetSecretRequestsParameters {
  /** The first block to scan. Default: the block the protocol was deployed at. */
  fromBlock?: bigint | undefined;
  /** The last block to scan; default latest. */
  toBlock?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type GetSecretRequestsReturnType = SecretRequest[];

export type GetSecretRequestsErrorType =
  InvalidSecretRequestError | ProtocolContractNotFoundError | GetContractEventsErrorType | ReadContractErrorType;

/**
 * The registrations still waiting for the secret: `SecretRequested` events between the two
 * blocks whose node is still `AwaitingSecret` now (answered or cancelled requests are dropped; a
 * key registered again after a cancellation appears once, with its latest request).
 * @throws {InvalidSecretRequestError} when a logged public key does not give its enclave id.
 * @example
 * for (const request of await getSecretRequests(publicClient, {})) await respondSecret(…);
 */
export async function getSecretRequests(
  client: Client<Transport, Chain | undefined>,
  parameters: GetSecretRequestsParameters = {},
): Promise<GetSecretRequestsReturnType> {
  const contract = protocolContract(client, "networkManagement", parameters.networkManagementAddress);
  const events = await getContractEvents(client, {
    ...contract,
    eventName: "SecretRequested",
    fromBlock: getProtocolDeployBlock(client, parameters.fromBlock),
    toBlock: parameters.toBlock ?? "latest",
    strict: true,
  });
  const latest = new Map<Address, SecretRequest>();
  for (const log of events) {
    const request = secretRequestOfLog(log);
    latest.set(request.enclaveId, request);
  }
  const requests = [...latest.values()];
  const statuses = await Promise.all(
    requests.map((r) => readContract(client, { ...contract, functionName: "node", args: [r.enclaveId] })),
  );
  return requests.filter((_, i) => statuses[i]!.status === NodeStatus.AwaitingSecret);
}

/**
 * A `SecretRequested` log as a {@link SecretRequest}, its public key checked against its enclave id.
 * @throws {InvalidSecretRequestError} when the logged public key does not give the enclave id.
 */
export function secretRequestOfLog({
  args,
  blockNumber,
}: {
  args: {
    enclaveId: Address;
    operator: Address;
    enclavePublicKey: Hex;
    measurement: Hex;
    fee: bigint;
    expiresAt: bigint;
  };
  blockNumber: bigint | null;
}): SecretRequest {
  const enclaveId = getAddress(args.enclaveId);
  if (computeEnclaveId(args.enclavePublicKey) !== enclaveId) {
    throw new InvalidSecretRequestError("A SecretRequested log's public key does not give its enclave id.", {
      details: `enclave ${enclaveId}, block ${blockNumber}`,
    });
  }
  return {
    enclaveId,
    operator: getAddress(args.operator),
    enclavePublicKey: args.enclavePublicKey,
    measurement: args.measurement,
    fee: args.fee,
    expiresAt: args.expiresAt,
    blockNumber: blockNumber ?? 0n,
  };
}
