import type { Account, Chain, LocalAccount, Transport, WalletClient } from "viem";
import type { AuditorSignature } from "../types/attestation.ts";
import { getMeasurementTypedData, type GetMeasurementTypedDataParameters } from "./getMeasurementTypedData.ts";

export type SignMeasurementStatementParameters = GetMeasurementTypedDataParameters & {
  /** The auditor: a local account (a key held by the tool) or a wallet client with an account (e.g. a hardware wallet). */
  auditor: LocalAccount | WalletClient<Transport, Chain | undefined, Account>;
};

export type SignMeasurementStatementReturnType = AuditorSignature;

/**
 * Signs an `ApproveMeasurement` or `RevokeMeasurement` statement as an auditor. Collect
 * `threshold` of these, sort them with `sortAuditorSignatures`, and submit them to
 * `EnclavePolicy.approveMeasurement` / `revokeMeasurement` from any account.
 * @throws {InvalidAttestationInputError} when the measurement, version or deadline is malformed.
 */
export async function signMeasurementStatement(
  parameters: SignMeasurementStatementParameters,
): Promise<SignMeasurementStatementReturnType> {
  const { auditor, ...statement } = parameters;
  const typedData = getMeasurementTypedData(statement);
  if ("signTypedData" in auditor && "address" in auditor) {
    return { signer: auditor.address, signature: await auditor.signTypedData(typedData) };
  }
  const signature = await auditor.signTypedData({ ...typedData, account: auditor.account });
  return { signer: auditor.account.address, signature };
}
