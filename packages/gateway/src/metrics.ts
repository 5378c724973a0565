import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The gateway's Prometheus metrics, named `obscuro_gateway_<thing>_<unit>` (time in seconds), on a
 * registry of its own so that several gateways can run in one process (tests). Labels carry
 * method names and outcomes only: never tokens, accounts or parameters.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "obscuro_gateway_requests_total",
    help: "JSON-RPC requests answered, by method and outcome (ok, or the error code)",
    labelNames: ["method", "outcome", "transport"],
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: "obscuro_gateway_request_duration_seconds",
    help: "Time to answer a JSON-RPC request, by method",
    labelNames: ["method"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly nodeSeconds = new Histogram({
    name: "obscuro_gateway_node_request_duration_seconds",
    help: "Time the node took to answer, by node method",
    labelNames: ["method"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly privateRequests = new Counter({
    name: "obscuro_gateway_private_requests_total",
    help: "Encrypted private requests sent to the node, by method",
    labelNames: ["method"],
    registers: [this.registry],
  });
  readonly transactions = new Counter({
    name: "obscuro_gateway_transactions_total",
    help: "Raw transactions encrypted and submitted, by outcome",
    labelNames: ["outcome"],
    registers: [this.registry],
  });
  readonly registrations = new Counter({
    name: "obscuro_gateway_registrations_total",
    help: "Registration steps, by step (join, authenticate, revoke) and outcome",
    labelNames: ["step", "outcome"],
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: "obscuro_gateway_http_requests_in_flight",
    help: "HTTP requests being answered",
    registers: [this.registry],
  });
  readonly users = new Gauge({ name: "obscuro_gateway_users", help: "Tokens issued", registers: [this.registry] });
  readonly accounts = new Gauge({
    name: "obscuro_gateway_accounts",
    help: "Accounts authenticated, over all tokens",
    registers: [this.registry],
  });
  readonly websockets = new Gauge({
    name: "obscuro_gateway_websocket_connections",
    help: "Open WebSocket connections",
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: "obscuro_gateway_subscriptions",
    help: "Open subscriptions and filters, by kind",
    labelNames: ["kind"],
    registers: [this.registry],
  });
}
