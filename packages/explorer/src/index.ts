/*
 * @obscuro/explorer: a web page and a JSON API over L1 and the nodes (docs/explorer.md): nodes,
 * aggregators and the host list, the rollup tree with forks and finality, bridge balances and
 * pending withdrawals, governance and the council. Public data only.
 */
export { startExplorer } from "./startExplorer.ts";
export type { Explorer, StartExplorerParameters } from "./startExplorer.ts";
export {
  ExplorerConfigError,
  ExplorerError,
  InvalidRequestError,
  L1UnavailableError,
  RollupNotFoundError,
} from "./errors.ts";
export type { RollupView } from "./l1/L1Reader.ts";
export type { NodeL2View } from "./nodes/NodeStatusReader.ts";
