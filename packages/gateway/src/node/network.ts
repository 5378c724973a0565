import { createPublicClient, getAddress, http, isAddress, isHex, type Address, type Hex } from "viem";
import { getNetworkInfo, isNetworkPublicKey } from "@obscuro/sdk";
import { JsonRpcError, NetworkMismatchError, NodeNotReadyError, NodeUnreachableError } from "../errors.ts";
import type { NodeClient } from "./NodeClient.ts";

/** The network the gateway serves, as the node describes it and L1 confirms it. */
export interface VerifiedNetwork {
  l1ChainId: number;
  l2ChainId: bigint;
  /** The network key's address, as L1 holds it. */
  networkKey: Address;
  /** The key transactions and private requests are encrypted to (checked against `networkKey`). */
  networkPublicKey: Hex;
  contracts: Record<string, Address>;
}

/**
 * Asks the node for the network (`obscuro_getNetwork`) and checks it against L1 before anything
 * is encrypted to it: L1's chain id is the one the node names, and the public key the node gives
 * hashes to the network key L1's `NetworkManagement` holds. A node that lies about the key would
 * otherwise read every transaction and request the gateway sends.
 * @throws {NodeNotReadyError} when the node does not serve the network yet (after `readyTimeoutMs`).
 * @throws {NetworkMismatchError} when the node's description and L1 disagree.
 */
export async function fetchVerifiedNetwork(parameters: {
  node: NodeClient;
  l1RpcUrl: string;
  networkManagement: Address;
  readyTimeoutMs: number;
  signal?: AbortSignal | undefined;
}): Promise<VerifiedNetwork> {
  const description = await describe(parameters.node, parameters.readyTimeoutMs, parameters.signal);
  const l1 = createPublicClient({ transport: http(parameters.l1RpcUrl, { retryCount: 1 }) });
  let l1ChainId: number;
  let networkKey: Address;
  try {
    l1ChainId = await l1.getChainId();
    ({ networkKey } = await getNetworkInfo(l1, { networkManagementAddress: parameters.networkManagement }));
  } catch (cause) {
    throw new NetworkMismatchError("The network key cannot be read from L1.", {
      details: `NetworkManagement ${parameters.networkManagement} at ${new URL(parameters.l1RpcUrl).origin}`,
      cause,
    });
  }
  if (l1ChainId !== description.l1ChainId) {
    throw new NetworkMismatchError(
      `The node serves a network on L1 chain ${description.l1ChainId}, but the L1 endpoint is chain ${l1ChainId}.`,
    );
  }
  if (getAddress(networkKey) !== getAddress(description.networkKey)) {
    throw new NetworkMismatchError("The node names another network key than L1.", {
      details: `node ${description.networkKey}, L1 ${networkKey}`,
    });
  }
  if (!isNetworkPublicKey(description.networkPublicKey, networkKey)) {
    throw new NetworkMismatchError("The node's network public key is not the network key L1 holds.", {
      details: `L1 network key ${networkKey}`,
    });
  }
  return { ...description, networkKey: getAddress(networkKey) };
}

async function describe(node: NodeClient, readyTimeoutMs: number, signal?: AbortSignal): Promise<VerifiedNetwork> {
  const deadline = Date.now() + readyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return parseDescription(await node.call("obscuro_getNetwork"));
    } catch (error) {
      const notReady = error instanceof JsonRpcError && error.rpcCode === -32002;
      if (!notReady && !(error instanceof NodeUnreachableError)) throw error;
      if (Date.now() >= deadline || signal?.aborted) {
        if (notReady)
          throw new NodeNotReadyError("The node does not serve the network yet (its enclave holds no secret).", {
            details: node.url.origin,
          });
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

function parseDescription(value: unknown): VerifiedNetwork {
  const d = (value ?? {}) as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new NetworkMismatchError(`The node's network description is malformed: ${what}.`);
  };
  const l1ChainId = typeof d.l1ChainId === "number" ? d.l1ChainId : fail("l1ChainId");
  const l2ChainId = typeof d.l2ChainId === "string" && isHex(d.l2ChainId) ? BigInt(d.l2ChainId) : fail("l2ChainId");
  const networkKey = typeof d.networkKey === "string" && isAddress(d.networkKey) ? d.networkKey : fail("networkKey");
  const networkPublicKey =
    typeof d.networkPublicKey === "string" && isHex(d.networkPublicKey)
      ? (d.networkPublicKey as Hex)
      : fail("networkPublicKey");
  const contracts: Record<string, Address> = {};
  for (const [name, address] of Object.entries((d.contracts ?? {}) as Record<string, unknown>)) {
    if (typeof address === "string" && isAddress(address)) contracts[name] = getAddress(address);
  }
  return { l1ChainId, l2ChainId, networkKey: getAddress(networkKey), networkPublicKey, contracts };
}
