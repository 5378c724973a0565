import { concat, type Hex } from "viem";
import { sign } from "viem/accounts";
import { encodeDevReportBody, type EncodeDevReportBodyParameters } from "./encodeDevReportBody.ts";
import { getDevReportDigest } from "./getDevReportDigest.ts";
import { InvalidAttestationInputError } from "./errors.ts";
import { expectHex } from "./internal.ts";

export type BuildDevReportParameters = EncodeDevReportBodyParameters & {
  /**
   * The simulated vendor's private key: its address must be the `vendorKey()` of the
   * `DevAttestationVerifier` that will check the report. Dev and test networks only.
   */
  vendorPrivateKey: Hex;
};

/** A 300-byte dev report: body ‖ r ‖ s ‖ v. */
export type BuildDevReportReturnType = Hex;

/**
 * Builds and signs a dev attestation report: what the simulated TEE of a devnet node hands to
 * `NetworkManagement`. Signatures are deterministic (RFC 6979) and low-s.
 * @throws {InvalidAttestationInputError} when a field or the key has the wrong size or range.
 * @throws {InvalidPublicKeyError} when the enclave key is not a point on secp256k1.
 * @throws {UnknownTcbStatusError} when the TCB status is not a `TcbStatus`.
 */
export async function buildDevReport(parameters: BuildDevReportParameters): Promise<BuildDevReportReturnType> {
  const { vendorPrivateKey, ...fields } = parameters;
  const privateKey = expectHex(vendorPrivateKey, 32, "vendorPrivateKey");
  const body = encodeDevReportBody(fields);
  let signature: Hex;
  try {
    signature = await sign({ hash: getDevReportDigest(body), privateKey, to: "hex" });
  } catch (cause) {
    throw new InvalidAttestationInputError("The vendor private key is not a valid secp256k1 key.", { cause });
  }
  return concat([body, signature]);
}
