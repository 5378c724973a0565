import type { Account, Address, Chain, Client, Hash, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import type { ProtocolContractNotFoundError } from "../../errors/BaseError.ts";
import { protocolCall } from "../../utils/protocolContract.ts";
import {
  sendProtocolTransaction,
  type SendProtocolTransactionErrorType,
  type TransactionOverrides,
} from "../../utils/sendProtocolTransaction.ts";

export interface RegisterNodeParameters extends TransactionOverrides {
  /** The attestation report: a dev report, or a DCAP report (`encodeDcapReport`) for the DCAP verifier. */
  report: Hex;
  /** The recent L1 block the report binds (`computeReportData`). */
  l1BlockNumber: bigint;
  /** The fee to pay; default: `registrationFee()` read now (it must match exactly). */
  fee?: bigint | undefined;
  /** Default: the chain's `networkManagement`. */
  networkManagementAddress?: Address | undefined;
}

export type RegisterNodeReturnType = Hash;

export type RegisterNodeErrorType =
  ProtocolContractNotFoundError | ReadContractErrorType | SendProtocolTransactionErrorType;

/**
 * Registers an attested enclave as a node of the sender (the operator the report binds, which
 * pays the fee) and asks for the secret (`SecretRequested`). The node is Active once another node
 * responds (`respondSecret`).
 * @throws {ContractCallRevertedError} when the registration would be refused, wherever:
 *   `NetworkManagement_WrongFee`, `NetworkManagement_ReportDataMismatch`, the policy's
 *   (`EnclavePolicy_ReportTooOld`, `EnclavePolicy_MeasurementNotApproved`, …) or the verifier's
 *   (`DevAttestationVerifier_WrongSigner`, `DcapAttestationVerifier_InvalidQuoteSignature`, `DcapQuote_Truncated`, …).
 * @example
 * await registerNode(operatorClient, { report, l1BlockNumber: block.number });
 */
export async function registerNode(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RegisterNodeParameters,
): Promise<RegisterNodeReturnType> {
  const { report, l1BlockNumber, fee, networkManagementAddress, ...overrides } = parameters;
  const call = protocolCall(client, "networkManagement", networkManagementAddress);
  return sendProtocolTransaction(client, {
    ...overrides,
    ...call,
    functionName: "registerNode",
    args: [report, l1BlockNumber],
    value: fee ?? (await readContract(client, { ...call, functionName: "registrationFee" })),
  });
}
