import type { Address, PublicClient } from "viem";
import type { Logger } from "pino";
import type { EnclaveProtocol, RpcClient } from "@obscuro/enclave/rpc";
import type { DeploymentManifest } from "@obscuro/sdk";
import type { NodeConfig } from "../config.ts";
import type { HostDatabase } from "../db/HostDatabase.ts";
import type { L1Submitter } from "../l1/L1Submitter.ts";
import type { ProtocolAddresses, ProtocolIntents } from "../l1/protocolIntents.ts";
import type { NodeMetrics } from "../metrics.ts";
import type { GossipNetwork } from "../p2p/GossipNetwork.ts";

/** What every role of the node works with. */
export interface NodeContext {
  config: NodeConfig;
  manifest: DeploymentManifest;
  log: Logger;
  metrics: NodeMetrics;
  /** The L1, on the deployment's chain (protocol addresses resolve from it). */
  client: PublicClient;
  chainId: number;
  contracts: ProtocolAddresses;
  enclave: RpcClient<EnclaveProtocol>;
  enclaveId: Address;
  operator: Address;
  db: HostDatabase;
  submitter: L1Submitter;
  intents: ProtocolIntents;
  gossip: GossipNetwork;
}

/** The L1 head the node's duties run at. */
export interface L1Head {
  number: bigint;
  hash: `0x${string}`;
  timestamp: bigint;
}
