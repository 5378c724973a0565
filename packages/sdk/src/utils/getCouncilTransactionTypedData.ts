import { getAddress, zeroAddress, type TypedDataDefinition } from "viem";
import type { CouncilTransaction } from "../types/council.ts";
import { safeTxTypes } from "./safe.ts";

export type GetCouncilTransactionTypedDataParameters = CouncilTransaction;

export type GetCouncilTransactionTypedDataReturnType = TypedDataDefinition<typeof safeTxTypes, "SafeTx">;

/**
 * The EIP-712 typed data a council Safe owner signs for the Safe to make a call (`SafeTx` of Safe
 * 1.3+: a plain call, no value, no gas refund), in the domain of the Safe on its chain.
 */
export function getCouncilTransactionTypedData(
  parameters: GetCouncilTransactionTypedDataParameters,
): GetCouncilTransactionTypedDataReturnType {
  return {
    domain: { chainId: parameters.chainId, verifyingContract: getAddress(parameters.safe) },
    types: safeTxTypes,
    primaryType: "SafeTx",
    message: {
      to: getAddress(parameters.to),
      value: 0n,
      data: parameters.data,
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce: parameters.nonce,
    },
  };
}
