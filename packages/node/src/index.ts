/**
 * An Obscuro node: the untrusted host around its enclave process. `ObscuroNode.start(config)`
 * runs one in this process; `runNode(argv)` is the `obscuro node` command.
 */
export { ObscuroNode, NodeStartError, type NodeEndpoints } from "./Node.ts";
export { loadNodeConfig, NodeConfigError, NodeConfigSchema, type NodeConfig, type NodeConfigInput } from "./config.ts";
export { runNode } from "./run.ts";
export { NodeRpcServer, NodeRpcError, type NetworkDescription } from "./rpc/NodeRpcServer.ts";
export { planSlot, type SlotPlan, type SlotPhase } from "./roles/schedule.ts";
export { NodeMetrics } from "./metrics.ts";
export { withNodeEnclave, isNodeEnclaveRunning, NodeEnclaveError, type NodeEnclave } from "./enclave/nodeEnclave.ts";
