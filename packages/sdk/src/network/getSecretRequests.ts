import { getAddress, type Address, type Client, type Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { computeEnclaveId } from "../crypto/computeEnclaveId.ts";
import { networkManagementAbi } from "../generated/index.ts";
import { NodeStatus } from "./constants.ts";
import { InvalidSecretRequestError } from "./errors.ts";

export interface GetSecretRequestsParameters {
  client: Client;
  networkManagement: Address;
  /** The first block to scan (e.g. the deployment block of the manifest). */
  fromBlock: bigint;
  /** The last block to scan; default latest. */
  toBlock?: bigint | undefined;
}

/** A node waiting for the secret: what a responder needs to answer it. */
export interface SecretRequest {
  enclaveId: Address;
  operator: Address;
  /** The key to encrypt the secret to (checked: it gives `enclaveId`). */
  enclavePublicKey: Hex;
  measurement: Hex;
  /** The fee the first responder's operator receives. */
  fee: bigint;
  /** Unix seconds after which the requester's attestation is expired (no response then). */
  expiresAt: bigint;
  /** The L1 block of the request. */
  blockNumber: bigint;
}

/**
 * The registrations still waiting for the secret: `SecretRequested` events between the two
 * blocks whose node is still `AwaitingSecret` now (answered or cancelled requests are dropped; a
 * key registered again after a cancellation appears once, with its latest request).
 * @throws {InvalidSecretRequestError} when a logged public key does not give its enclave id.
 */
export async function getSecretRequests(parameters: GetSecretRequestsParameters): Promise<SecretRequest[]> {
  const { client, networkManagement } = parameters;
  const events = await getContractEvents(client, {
    address: networkManagement,
    abi: networkManagementAbi,
    eventName: "SecretRequested",
    fromBlock: parameters.fromBlock,
    toBlock: parameters.toBlock ?? "latest",
    strict: true,
  });
  const latest = new Map<Address, SecretRequest>();
  for (const { args, blockNumber } of events) {
    const enclaveId = getAddress(args.enclaveId);
    if (computeEnclaveId(args.enclavePublicKey) !== enclaveId) {
      throw new InvalidSecretRequestError("A SecretRequested log's public key does not give its enclave id.", {
        details: `enclave ${enclaveId}, block ${blockNumber}`,
      });
    }
    latest.set(enclaveId, {
      enclaveId,
      operator: getAddress(args.operator),
      enclavePublicKey: args.enclavePublicKey,
      measurement: args.measurement,
      fee: args.fee,
      expiresAt: args.expiresAt,
      blockNumber: blockNumber ?? 0n,
    });
  }
  const requests = [...latest.values()];
  const statuses = await Promise.all(
    requests.map((r) =>
      readContract(client, {
        address: networkManagement,
        abi: networkManagementAbi,
        functionName: "node",
        args: [r.enclaveId],
      }),
    ),
  );
  return requests.filter((_, i) => statuses[i]!.status === NodeStatus.AwaitingSecret);
}
