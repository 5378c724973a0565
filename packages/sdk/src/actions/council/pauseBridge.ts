import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";

export interface PauseBridgeParameters extends CouncilOverrides {
  /** Seconds, at most `MAX_PAUSE` (30 days): the pause ends by itself. */
  duration: bigint;
  /** Default: the chain's `bridgeManagement`. */
  bridgeManagementAddress?: Address | undefined;
}

export type PauseBridgeReturnType = Hash;

export type PauseBridgeErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council pauses deposits and withdrawals for `duration` seconds. The pause ends by itself; a
 * new one needs `PAUSE_COOLDOWN` after the last one ended.
 * @throws {ContractCallRevertedError} (`BridgeManagement_InvalidPauseDuration`, `BridgeManagement_AlreadyPaused`,
 *   `BridgeManagement_PauseCoolingDown`, `GovernedModule_NotCouncil`).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await pauseBridge(walletClient, { duration: 86_400n, signers: [ownerA, ownerB] });
 */
export async function pauseBridge(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: PauseBridgeParameters,
): Promise<PauseBridgeReturnType> {
  const { duration, bridgeManagementAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "bridgeManagement", bridgeManagementAddress),
    functionName: "pause",
    args: [duration],
  });
}
