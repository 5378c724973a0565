import { concat, type Hex } from "viem";
import { sign } from "viem/accounts";
import { InvalidAttestationInputError } from "../attestation/errors.ts";
import { getDevReportDigest } from "../attestation/getDevReportDigest.ts";
import { expectHex } from "../attestation/internal.ts";
import { DEV_ATTESTATION_VENDOR_PRIVATE_KEY } from "./devKeys.ts";
import { encodeDevReportBody, type EncodeDevReportBodyParameters } from "./encodeDevReportBody.ts";

export type BuildDevReportParameters = EncodeDevReportBodyParameters & {
  /**
   * The simulated vendor's private key: its address must be the `vendorKey()` of the
   * `DevAttestationVerifier` that will check the report. Default: the dev vendor
   * ({@link DEV_ATTESTATION_VENDOR_PRIVATE_KEY}). Dev and test networks only.
   */
  vendorPrivateKey?: Hex | undefined;
};

/** A 300-byte dev report: body ‖ r ‖ s ‖ v. */
export type BuildDevReportReturnType = Hex;

/**
 * DEV ONLY. Builds and signs a dev attestation report: what the simulated TEE of a devnet node hands to
 * `NetworkManagement`. Signatures are deterministic (RFC 6979) and low-s.
 * @throws {InvalidAttestationInputError} when a field or the key has the wrong size or range.
 * @throws {InvalidPublicKeyError} when the enclave key is not a point on secp256k1.
 * @throws {UnknownTcbStatusError} when the TCB status is not a `TcbStatus`.
 */
export async function buildDevReport(parameters: BuildDevReportParameters): Promise<BuildDevReportReturnType> {
  const { vendorPrivateKey, ...fields } = parameters;
  const privateKey = expectHex(vendorPrivateKey ?? DEV_ATTESTATION_VENDOR_PRIVATE_KEY, 32, "vendorPrivateKey");
  const body = encodeDevReportBody(fields);
  let signature: Hex;
  try {
    signature = await sign({ hash: getDevReportDigest(body), privateKey, to: "hex" });
  } catch (cause) {
    throw new InvalidAttestationInputError("The vendor private key is not a valid secp256k1 key.", { cause });
  }
  return concat([body, signature]);
}
