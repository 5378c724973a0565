import { computeReportData } from "@obscuro/sdk";
import {
  buildDevReport,
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_ENCLAVE_MEASUREMENT,
  DEV_ENCLAVE_SIGNER,
} from "@obscuro/sdk/devtools";
import { DevAttestationProvider } from "./attestation.ts";

/**
 * DEV ONLY: the simulated TEE of dev and test networks. Its reports carry the dev enclave's
 * measurements and are signed by the dev vendor key the network's `DevAttestationVerifier` trusts.
 */
export function createDevAttestation(): DevAttestationProvider {
  return new DevAttestationProvider(async (binding) =>
    buildDevReport({
      mrEnclave: DEV_ENCLAVE_MEASUREMENT,
      mrSigner: DEV_ENCLAVE_SIGNER,
      reportData: computeReportData(binding).reportData,
      enclavePublicKey: binding.enclavePublicKey,
      vendorPrivateKey: DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
    }),
  );
}
