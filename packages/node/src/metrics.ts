import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The node's Prometheus metrics, named `obscuro_node_<thing>_<unit>` (time in seconds), on a
 * registry of its own so that several nodes can run in one process in tests.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly l1Head = new Gauge({
    name: "obscuro_node_l1_head_block",
    help: "Latest L1 block the node processed",
    registers: [this.registry],
  });
  readonly l2Head = new Gauge({
    name: "obscuro_node_l2_head_block",
    help: "Latest L2 block (batch) the enclave executed",
    registers: [this.registry],
  });
  readonly rollupsPublished = new Counter({
    name: "obscuro_node_rollups_published_total",
    help: "Rollups this node published on L1",
    registers: [this.registry],
  });
  readonly invalidRollups = new Counter({
    name: "obscuro_node_invalid_rollups_total",
    help: "Rollups from L1 that this node's enclave found invalid (and testified against), by reason",
    labelNames: ["reason"],
    registers: [this.registry],
  });
  readonly mempoolSize = new Gauge({
    name: "obscuro_node_mempool_transactions",
    help: "Transactions waiting in the enclave's mempool",
    registers: [this.registry],
  });
  readonly secretRequestsAnswered = new Counter({
    name: "obscuro_node_secret_requests_answered_total",
    help: "Secret requests this node answered first",
    registers: [this.registry],
  });
  readonly peers = new Gauge({ name: "obscuro_node_peers", help: "Connected peers", registers: [this.registry] });
  readonly keyRotations = new Counter({
    name: "obscuro_node_key_rotations_total",
    help: "Rollups published by this node that opened a new key epoch",
    registers: [this.registry],
  });
  readonly lotteryWins = new Counter({
    name: "obscuro_node_lottery_wins_total",
    help: "Rounds this node's ticket won",
    registers: [this.registry],
  });
  readonly gossipReceived = new Counter({
    name: "obscuro_node_gossip_messages_total",
    help: "Gossip messages received, by topic and verdict",
    labelNames: ["topic", "verdict"],
    registers: [this.registry],
  });
  readonly gossipPublished = new Counter({
    name: "obscuro_node_gossip_published_total",
    help: "Gossip messages published, by topic",
    labelNames: ["topic"],
    registers: [this.registry],
  });
  readonly peersBanned = new Counter({
    name: "obscuro_node_peers_banned_total",
    help: "Peers banned for invalid messages",
    registers: [this.registry],
  });
  readonly l1Transactions = new Counter({
    name: "obscuro_node_l1_transactions_total",
    help: "L1 transactions sent, by kind and outcome",
    labelNames: ["kind", "outcome"],
    registers: [this.registry],
  });
  readonly enclaveCallSeconds = new Histogram({
    name: "obscuro_node_enclave_call_seconds",
    help: "Enclave RPC latency, by method",
    labelNames: ["method"],
    buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2, 10],
    registers: [this.registry],
  });

  constructor({ defaults = true }: { defaults?: boolean } = {}) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: "obscuro_node_" });
  }
}
