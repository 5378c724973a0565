import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendCouncilTransaction,
  type CouncilOverrides,
  type SendCouncilTransactionErrorType,
} from "../../utils/sendCouncilTransaction.ts";

export interface RevokeMeasurementByCouncilParameters extends CouncilOverrides {
  /** The enclave measurement to revoke for ever. */
  measurement: Hex;
  /** Default: the chain's `enclavePolicy`. */
  enclavePolicyAddress?: Address | undefined;
}

export type RevokeMeasurementByCouncilReturnType = Hash;

export type RevokeMeasurementByCouncilErrorType = ProtocolContractNotFoundError | SendCouncilTransactionErrorType;

/**
 * The council revokes an enclave measurement for ever, without the auditors: every node running it
 * stops being active at once.
 * @throws {ContractCallRevertedError} (`EnclavePolicy_ZeroMeasurement`, `GovernedModule_NotCouncil`).
 * @throws {CouncilSignersError} when `signers` cannot act for the council Safe (nothing is sent).
 * @example
 * await revokeMeasurementByCouncil(walletClient, { measurement, signers: [ownerA, ownerB] });
 */
export async function revokeMeasurementByCouncil(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RevokeMeasurementByCouncilParameters,
): Promise<RevokeMeasurementByCouncilReturnType> {
  const { measurement, enclavePolicyAddress, ...overrides } = parameters;
  return sendCouncilTransaction(client, {
    ...overrides,
    ...protocolCall(client, "enclavePolicy", enclavePolicyAddress),
    functionName: "revokeMeasurementByCouncil",
    args: [measurement],
  });
}
