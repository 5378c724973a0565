import type { Chain, Client, Transport } from "viem";
import {
  watchDeposits,
  type WatchDepositsParameters,
  type WatchDepositsReturnType,
} from "../actions/bridge/watchDeposits.ts";
import { getNode, type GetNodeParameters, type GetNodeReturnType } from "../actions/network/getNode.ts";

/** The protocol's read and watch actions, bound to a client: `client.getNode({ enclaveId })`. */
export interface PublicActionsObscuroL1 {
  /** {@link getNode} */
  getNode: (parameters: GetNodeParameters) => Promise<GetNodeReturnType>;
  /** {@link watchDeposits} */
  watchDeposits: (parameters: WatchDepositsParameters) => WatchDepositsReturnType;
}

/**
 * Adds the protocol's read and watch actions to a client:
 * ```ts
 * const client = createPublicClient({ chain: defineObscuroL1Chain({ manifest }), transport: http() })
 *   .extend(publicActionsObscuroL1());
 * ```
 */
export function publicActionsObscuroL1() {
  return <transport extends Transport, chain extends Chain | undefined>(
    client: Client<transport, chain>,
  ): PublicActionsObscuroL1 => ({
    getNode: (parameters) => getNode(client, parameters),
    watchDeposits: (parameters) => watchDeposits(client, parameters),
  });
}
