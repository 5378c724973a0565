import { getAddress, isAddressEqual, type Address, type Hex } from "viem";
import { computeEnclaveId, computeReportData, decodeDevReport, parseEnclavePublicKey } from "@obscuro/sdk";
import { EnclaveRefusal } from "../rpc/errors.ts";

/** What binds a report to an enclave key, its operator and a recent L1 block. */
export interface ReportBinding {
  enclavePublicKey: Hex;
  operator: Address;
  l1BlockNumber: bigint;
  l1BlockHash: Hex;
}

/**
 * Where the enclave's attestation reports come from: the TEE's (an Intel DCAP quote under SGX or
 * TDX), or, on dev and test networks, a simulated vendor. The report's data is
 * `computeReportData(binding)`, so the contract can check it belongs to this key and operator.
 */
export interface AttestationProvider {
  /** `dev`, `sgx-dcap`, … (for status and logs). */
  readonly kind: string;
  report(binding: ReportBinding): Promise<Hex>;
}

/**
 * Checks another enclave's report before the secret is sent to it: that it is a report of the
 * network's verifier and that its data binds `requesterPublicKey` (the key the secret is
 * encrypted to). The contract already accepted the report when the requester registered; this
 * check makes the responding enclave refuse, by itself, a requester whose key the report does not
 * attest, whatever the host says.
 */
export interface ReportVerifier {
  readonly kind: string;
  verify(report: Hex, requesterPublicKey: Hex, binding: Omit<ReportBinding, "enclavePublicKey">): Promise<void>;
}

/**
 * DEV ONLY. A simulated TEE: reports signed by the dev vendor key that the network's
 * `DevAttestationVerifier` trusts. Its measurements are the dev enclave's.
 */
export class DevAttestationProvider implements AttestationProvider {
  readonly kind = "dev";
  readonly #build: (binding: ReportBinding) => Promise<Hex>;

  /** `build` signs a dev report for the binding (the devtools' `buildDevReport` with the dev vendor). */
  constructor(build: (binding: ReportBinding) => Promise<Hex>) {
    this.#build = build;
  }

  report(binding: ReportBinding): Promise<Hex> {
    return this.#build(binding);
  }
}

/** Checks dev reports: signed by `vendor`, with report data binding the requester's key. */
export class DevReportVerifier implements ReportVerifier {
  readonly kind = "dev";
  readonly #vendor: Address;

  constructor(vendor: Address) {
    this.#vendor = getAddress(vendor);
  }

  async verify(report: Hex, requesterPublicKey: Hex, binding: Omit<ReportBinding, "enclavePublicKey">): Promise<void> {
    let decoded;
    try {
      decoded = await decodeDevReport({ report, vendor: this.#vendor });
    } catch (error) {
      throw new EnclaveRefusal(
        "REPORT_REFUSED",
        "The requester's report does not verify.",
        (error as { code?: string }).code,
      );
    }
    const key = parseEnclavePublicKey(requesterPublicKey);
    if (!isAddressEqual(computeEnclaveId(decoded.result.enclavePublicKey), computeEnclaveId(key))) {
      throw new EnclaveRefusal("REPORT_REFUSED", "The report is for another enclave key.");
    }
    const { reportData } = computeReportData({ enclavePublicKey: key, ...binding });
    if (decoded.result.reportData.toLowerCase() !== reportData.toLowerCase()) {
      throw new EnclaveRefusal("REPORT_REFUSED", "The report's data does not bind the requester's key and operator.");
    }
  }
}
