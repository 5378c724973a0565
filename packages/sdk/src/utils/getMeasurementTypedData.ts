import { getAddress, type Address, type Hex, type TypedDataDefinition } from "viem";
import { expectHex, expectUint } from "../attestation/internal.ts";
import { ENCLAVE_POLICY_DOMAIN, enclavePolicyTypes } from "./typedData.ts";

/** The two statements auditors sign. */
export type MeasurementStatement = keyof typeof enclavePolicyTypes;

export interface GetMeasurementTypedDataParameters {
  /** `ApproveMeasurement` or `RevokeMeasurement`. */
  statement: MeasurementStatement;
  /** The chain of the policy. */
  chainId: number;
  /** The `EnclavePolicy` proxy. */
  policy: Address;
  /** The measurement (MRENCLAVE, or the TDX measurement digest). */
  measurement: Hex;
  /** `EnclavePolicy.policyVersion()` when the statement is submitted. */
  policyVersion: bigint;
  /** Unix seconds after which the signatures no longer count. */
  deadline: bigint;
}

export type GetMeasurementTypedDataReturnType = TypedDataDefinition<typeof enclavePolicyTypes, MeasurementStatement>;

/**
 * The EIP-712 typed data an auditor signs to approve or revoke a measurement, in the domain of
 * the given `EnclavePolicy` proxy. Pass it to viem's `signTypedData` or `hashTypedData`.
 * @throws {InvalidAttestationInputError} when the measurement, version or deadline is malformed.
 */
export function getMeasurementTypedData(
  parameters: GetMeasurementTypedDataParameters,
): GetMeasurementTypedDataReturnType {
  return {
    domain: {
      ...ENCLAVE_POLICY_DOMAIN,
      chainId: parameters.chainId,
      verifyingContract: getAddress(parameters.policy),
    },
    types: enclavePolicyTypes,
    primaryType: parameters.statement,
    message: {
      measurement: expectHex(parameters.measurement, 32, "measurement"),
      policyVersion: expectUint(parameters.policyVersion, 256, "policyVersion"),
      deadline: expectUint(parameters.deadline, 256, "deadline"),
    },
  };
}
