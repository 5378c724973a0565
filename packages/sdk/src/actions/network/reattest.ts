import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface ReattestParameters extends TransactionOverrides {
  /** A fresh report of the same enclave key and measurement, bound to the operator (`computeReportData`). */
  report: Hex;
  /** The recent L1 block the report binds. */
  l1BlockNumber: bigint;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type ReattestReturnType = Hash;

export type ReattestErrorType = ProtocolContractNotFoundError | SendProtocolTransactionErrorType;

/**
 * Attests a registered node again, from its operator, so that its key expires `keyLifetime` from
 * now. No fee.
 * @throws {ContractCallRevertedError} (`NetworkManagement_MeasurementChanged`, `NetworkManagement_NotOperator`,
 *   the policy's and the verifier's errors, …).
 * @example
 * await reattest(operatorClient, { report, l1BlockNumber: block.number });
 */
export async function reattest(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ReattestParameters,
): Promise<ReattestReturnType> {
  const { report, l1BlockNumber, networkManagementAddress, ...overrides } = parameters;
  return sendProtocolTransaction(client, {
    ...overrides,
    ...protocolCall(client, "networkManagement", networkManagementAddress),
    functionName: "reattest",
    args: [report, l1BlockNumber],
  });
}
