import { BaseError as ViemBaseError, decodeErrorResult, isHex, type Hex } from "viem";
import { obscuroErrorsAbi } from "../generated/errors.ts";

/** A decoded revert: the Solidity custom error (or `Error(string)`, `Panic(uint256)`) and its arguments. */
export interface DecodedRevert {
  /** E.g. `NetworkManagement_WrongFee`; undefined when the data matches no known error. */
  errorName: string | undefined;
  args: readonly unknown[];
  /** The raw revert data. */
  data: Hex;
}

/**
 * Finds the revert data in an error thrown by a viem call (an estimate, a simulation, an
 * `eth_call`) and decodes it against every error of every protocol contract, whichever contract
 * in the call raised it. Undefined when the error carries no revert data (a network failure,
 * insufficient funds, a nonce problem).
 */
export function decodeProtocolRevert(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof ViemBaseError)) return undefined;
  // The revert data sits in `data` (an RPC error), in `data.data` (some nodes' error objects), or
  // in `raw` (viem's ContractFunctionRevertedError, when its own ABI did not know the error).
  const dataOf = (e: unknown): Hex | undefined => {
    const { data, raw } = e as { data?: unknown; raw?: unknown };
    if (isHex(data)) return data;
    if (typeof data === "object" && data !== null && isHex((data as { data?: unknown }).data)) {
      return (data as { data: Hex }).data;
    }
    return isHex(raw) ? raw : undefined;
  };
  const data = dataOf(error.walk((e) => dataOf(e) !== undefined));
  if (data === undefined || data.length < 10) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: obscuroErrorsAbi, data });
    return { errorName: decoded.errorName, args: decoded.args ?? [], data };
  } catch {
    return { errorName: undefined, args: [], data };
  }
}
