import { concat, keccak256, type Hex } from "viem";
import { DEV_REPORT_BODY_LENGTH, DEV_REPORT_DOMAIN } from "./constants.ts";
import { expectHex } from "./internal.ts";

export type GetDevReportDigestParameters = Hex;
export type GetDevReportDigestReturnType = Hex;

/**
 * The hash the vendor signs: `keccak256(DEV_REPORT_DOMAIN ‖ body)` (`DevAttestationVerifier.reportDigest`).
 * @throws {InvalidAttestationInputError} when `body` is not 235 bytes.
 */
export function getDevReportDigest(body: GetDevReportDigestParameters): GetDevReportDigestReturnType {
  return keccak256(concat([DEV_REPORT_DOMAIN, expectHex(body, DEV_REPORT_BODY_LENGTH, "body")]));
}
