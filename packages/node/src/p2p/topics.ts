/** What the nodes gossip, one gossipsub topic each. */
export const GossipKind = {
  /** Users' transactions, encrypted to the network key. */
  Transactions: "tx",
  /** L2 blocks (batches) of the round's sequencer: soft confirmations. */
  Batches: "batch",
  /** Lottery tickets: enclave-signed random nonces for a round. */
  Tickets: "ticket",
  /** Enclave-signed testimonies that a rollup on L1 is invalid. */
  Testimonies: "testimony",
} as const;
export type GossipKind = (typeof GossipKind)[keyof typeof GossipKind];

/** The gossipsub topic of `kind` on the network of L1 chain `chainId`: `/obscuro/<chainId>/<kind>/1`. */
export function gossipTopic(chainId: number, kind: GossipKind): string {
  return `/obscuro/${chainId}/${kind}/1`;
}

/** The request/response protocol a node serves the rollup blobs it keeps with (blobs leave L1 after ~18 days). */
export function blobProtocol(chainId: number): string {
  return `/obscuro/${chainId}/blobs/1`;
}
