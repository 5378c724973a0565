import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { getAddress, keccak256, toHex } from "viem";
import {
  buildDevRegistration,
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  devAuditors,
} from "../../src/devtools/index.ts";
import {
  DEFAULT_KEY_LIFETIME,
  DEFAULT_MAX_REPORT_AGE,
  devAttestationVerifierAbi,
  enclavePolicyAbi,
  MeasurementStatus,
} from "../../src/index.ts";
import { startDevL1, type DevL1 } from "../helpers/devL1.ts";

describe("the devnet's attestation policy on anvil", () => {
  let l1: DevL1;

  before(async () => {
    // Token-holder governance deployed, the council another account.
    l1 = await startDevL1({ deploy: { governance: undefined, council: privateKeyToAddress(generatePrivateKey()) } });
  });
  after(async () => l1?.stop());

  it("deploys the dev verifier and the policy proxy with the dev setup", async () => {
    const { manifest, publicClient } = l1;
    const read = <const F extends string>(functionName: F) =>
      publicClient.readContract({
        address: manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName,
      } as never) as Promise<unknown>;
    const auditors = DEV_AUDITOR_PRIVATE_KEYS.map((k) => privateKeyToAddress(k)).sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    );
    assert.equal(
      await read("governance"),
      manifest.contracts.ObscuroTimelock,
      "the default governance is the Timelock",
    );
    assert.equal(await read("council"), manifest.settings.council);
    const policy = await publicClient.getEnclavePolicy();
    assert.equal(policy.verifier, manifest.contracts.AttestationVerifier);
    assert.deepEqual(policy.auditors, auditors);
    assert.equal(policy.threshold, BigInt(DEV_AUDITOR_THRESHOLD));
    assert.equal(policy.maxReportAge, DEFAULT_MAX_REPORT_AGE);
    assert.equal(policy.keyLifetime, DEFAULT_KEY_LIFETIME);
    assert.equal(
      await publicClient.readContract({
        address: manifest.contracts.AttestationVerifier,
        abi: devAttestationVerifierAbi,
        functionName: "vendorKey",
      }),
      privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY),
    );
    assert.equal(manifest.settings.attestation.kind, "dev");
    assert.deepEqual(manifest.settings.attestation.auditors, auditors);
    assert.ok(manifest.implementations.EnclavePolicy);
    assert.notEqual(manifest.implementations.EnclavePolicy, manifest.contracts.EnclavePolicy);
  });

  it("lets the dev auditors approve a measurement and the policy accept a dev report", async () => {
    const { manifest, publicClient, wallet, mined } = l1;
    const measurement = keccak256(toHex("devnet enclave"));
    const relayer = wallet(2);
    await mined(relayer.approveMeasurement({ measurement, auditors: devAuditors() }));
    assert.equal(await publicClient.getMeasurementStatus({ measurement }), MeasurementStatus.Approved);

    const enclave = privateKeyToAccount(generatePrivateKey());
    const { report } = await buildDevRegistration(publicClient, {
      operator: getAddress(relayer.account.address),
      enclavePublicKey: enclave.publicKey,
      mrEnclave: measurement,
      mrSigner: keccak256(toHex("devnet signer")),
    });
    const result = await publicClient.readContract({
      address: manifest.contracts.EnclavePolicy,
      abi: enclavePolicyAbi,
      functionName: "verifyReport",
      args: [report],
    });
    assert.equal(result.measurement, measurement);
    assert.equal(result.enclavePublicKey, `0x${enclave.publicKey.slice(4)}`);
  });
});
