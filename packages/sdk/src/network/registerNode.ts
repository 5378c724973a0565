import type { Address, Hash, Hex } from "viem";
import { readContract } from "viem/actions";
import { networkManagementAbi } from "../generated/index.ts";
import { sendNetworkTransaction, type NetworkTransactionOptions, type NetworkWallet } from "./internal.ts";

export interface RegisterNodeParameters extends NetworkTransactionOptions {
  /** The operator: the account the report's data binds, which pays the fee. */
  walletClient: NetworkWallet;
  networkManagement: Address;
  /** The attestation report (a dev report, or a DCAP quote for the policy's verifier). */
  report: Hex;
  /** The recent L1 block the report binds (`computeReportData`). */
  l1BlockNumber: bigint;
  /** The fee to pay; default: `registrationFee()` read now (it must match exactly). */
  fee?: bigint | undefined;
}

/**
 * Registers an attested enclave as a node of the caller and asks for the secret
 * (`SecretRequested`). The node is Active once another node responds (`respondSecret`).
 * @throws {NetworkCallRevertedError} when the contract would refuse: `NetworkManagement_WrongFee`,
 *   `NetworkManagement_ReportDataMismatch`, `NetworkManagement_NodeAlreadyRegistered`, or the
 *   policy's and verifier's errors (`EnclavePolicy_ReportTooOld`, `EnclavePolicy_MeasurementRevoked`, …).
 */
export async function registerNode(parameters: RegisterNodeParameters): Promise<Hash> {
  const { walletClient, networkManagement } = parameters;
  const fee =
    parameters.fee ??
    (await readContract(walletClient, {
      address: networkManagement,
      abi: networkManagementAbi,
      functionName: "registrationFee",
    }));
  return sendNetworkTransaction(walletClient, {
    networkManagement,
    functionName: "registerNode",
    args: [parameters.report, parameters.l1BlockNumber],
    value: fee,
    gas: parameters.gas,
  });
}
