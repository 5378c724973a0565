import { concat, encodeAbiParameters, getAddress, keccak256, pad, type Address, type Hex } from "viem";
import { InvalidAttestationInputError } from "./errors.ts";
import { expectHex, expectUint } from "./internal.ts";
import { parseEnclavePublicKey } from "../crypto/parseEnclavePublicKey.ts";

export interface ComputeReportDataParameters {
  /** The enclave's secp256k1 public key, 64 bytes (x ‖ y) or 65 bytes (0x04 ‖ x ‖ y). */
  enclavePublicKey: Hex;
  /** The L1 account that registers the node and pays for it. */
  operator: Address;
  /** A recent L1 block (at most `EnclavePolicy.maxReportAge` blocks old when registering). */
  l1BlockNumber: bigint;
  /** That block's hash. */
  l1BlockHash: Hex;
}

export interface ComputeReportDataReturnType {
  /** `keccak256(abi.encode(enclavePublicKey, operator, l1BlockNumber, l1BlockHash))`. */
  commitment: Hex;
  /** The 64 bytes the enclave puts in its report: the commitment, then 32 zero bytes. */
  reportData: Hex;
}

/**
 * The report data that binds an attestation to its enclave key, its operator and a recent L1
 * block (docs/attestation.md, "Report data binding"); `AttestationBinding` in Solidity.
 * @throws {InvalidPublicKeyError} when the key is not a point on secp256k1.
 * @throws {InvalidAttestationInputError} when the operator, block number or hash is malformed.
 */
export function computeReportData(parameters: ComputeReportDataParameters): ComputeReportDataReturnType {
  const enclavePublicKey = parseEnclavePublicKey(parameters.enclavePublicKey);
  let operator: Address;
  try {
    operator = getAddress(parameters.operator);
  } catch (cause) {
    throw new InvalidAttestationInputError("The operator is not an address.", { cause });
  }
  const l1BlockNumber = expectUint(parameters.l1BlockNumber, 256, "l1BlockNumber");
  const l1BlockHash = expectHex(parameters.l1BlockHash, 32, "l1BlockHash");
  const commitment = keccak256(
    encodeAbiParameters(
      [{ type: "bytes" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
      [enclavePublicKey, operator, l1BlockNumber, l1BlockHash],
    ),
  );
  return { commitment, reportData: concat([commitment, pad("0x", { size: 32 })]) };
}
