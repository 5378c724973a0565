import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface DiscloseKeyParameters extends TransactionOverrides {
  /** The epoch whose key is published. */
  keyEpoch: number;
  /** The epoch key (`deriveRollupEpochKey`); its keccak256 must be the epoch's commitment. */
  key: Hex;
  /** Default: the chain's `rollupManagement`. */
  rollupManagementAddress?: Address | undefined;
}

export type DiscloseKeyReturnType = Hash;

export type DiscloseKeyErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Publishes an epoch key, so that anyone can decrypt and check that epoch's rollups. Accepted when
 * it matches the epoch's commitment and the epoch ended `disclosureDelay` ago, or at once when the
 * council ordered it or declared a breach. Any account may send it.
 * @throws {ContractCallRevertedError} when RollupManagement would refuse
 *   (`RollupManagement_DisclosureNotAllowedYet`, `RollupManagement_KeyDoesNotMatchCommitment`,
 *   `RollupManagement_UnknownKeyEpoch`, `RollupManagement_AlreadyDisclosed`).
 * @example
 * const key = deriveRollupEpochKey({ masterSecret, keyEpoch: 3 });
 * await discloseKey(walletClient, { keyEpoch: 3, key: bytesToHex(key) });
 */
export async function discloseKey(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DiscloseKeyParameters,
): Promise<DiscloseKeyReturnType> {
  const { keyEpoch, key, rollupManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "rollupManagement", rollupManagementAddress),
    functionName: "discloseKey",
    args: [keyEpoch, key],
  });
}
