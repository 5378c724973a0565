import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createWalletClient, getAddress, http, keccak256, toHex, type PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  buildDevReport,
  computeReportData,
  DEFAULT_KEY_LIFETIME,
  DEFAULT_MAX_REPORT_AGE,
  DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
  DEV_AUDITOR_PRIVATE_KEYS,
  DEV_AUDITOR_THRESHOLD,
  deployProtocol,
  devAttestationVerifierAbi,
  enclavePolicyAbi,
  MeasurementStatus,
  signMeasurementStatement,
  sortAuditorSignatures,
  type DeploymentManifest,
} from "../../src/index.ts";
import { startAnvil, type AnvilInstance } from "../../src/devtools/index.ts";

describe("the devnet's attestation policy on anvil", () => {
  let anvil: AnvilInstance;
  let publicClient: PublicClient;
  let manifest: DeploymentManifest;

  before(async () => {
    anvil = await startAnvil();
    publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    const walletClient = createWalletClient({
      account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
      chain: foundry,
      transport: http(anvil.rpcUrl),
    });
    manifest = await deployProtocol({ walletClient, publicClient, council: anvil.accounts[1]!.address });
  });
  after(async () => {
    await anvil?.stop();
  });

  it("deploys the dev verifier and the policy proxy with the dev defaults", async () => {
    const policy = { address: manifest.contracts.EnclavePolicy, abi: enclavePolicyAbi } as const;
    const read = <const F extends string>(functionName: F) =>
      publicClient.readContract({ ...policy, functionName } as never) as Promise<unknown>;
    const devAuditors = DEV_AUDITOR_PRIVATE_KEYS.map((k) => privateKeyToAddress(k)).sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    );
    assert.equal(
      await read("governance"),
      manifest.contracts.ObscuroTimelock,
      "the default governance is the Timelock",
    );
    assert.equal(await read("council"), getAddress(anvil.accounts[1]!.address));
    assert.equal(await read("verifier"), manifest.contracts.DevAttestationVerifier);
    assert.deepEqual(await read("auditors"), devAuditors);
    assert.equal(await read("threshold"), BigInt(DEV_AUDITOR_THRESHOLD));
    assert.equal(await read("maxReportAge"), DEFAULT_MAX_REPORT_AGE);
    assert.equal(await read("keyLifetime"), DEFAULT_KEY_LIFETIME);
    assert.equal(
      await publicClient.readContract({
        address: manifest.contracts.DevAttestationVerifier,
        abi: devAttestationVerifierAbi,
        functionName: "vendorKey",
      }),
      privateKeyToAddress(DEV_ATTESTATION_VENDOR_PRIVATE_KEY),
    );
    assert.deepEqual(manifest.settings.attestation.auditors, devAuditors);
    assert.ok(manifest.implementations.EnclavePolicy);
    assert.notEqual(manifest.implementations.EnclavePolicy, manifest.contracts.EnclavePolicy);
  });

  it("lets the dev auditors approve a measurement and the policy accept a dev report", async () => {
    const measurement = keccak256(toHex("devnet enclave"));
    const relayer = createWalletClient({
      account: privateKeyToAccount(anvil.accounts[2]!.privateKey),
      chain: foundry,
      transport: http(anvil.rpcUrl),
    });
    const deadline = (await publicClient.getBlock()).timestamp + 600n;
    const signatures = await Promise.all(
      DEV_AUDITOR_PRIVATE_KEYS.slice(0, DEV_AUDITOR_THRESHOLD).map((key) =>
        signMeasurementStatement({
          auditor: privateKeyToAccount(key),
          statement: "ApproveMeasurement",
          chainId: manifest.chainId,
          policy: manifest.contracts.EnclavePolicy,
          measurement,
          policyVersion: 1n,
          deadline,
        }),
      ),
    );
    const hash = await relayer.writeContract({
      address: manifest.contracts.EnclavePolicy,
      abi: enclavePolicyAbi,
      functionName: "approveMeasurement",
      args: [measurement, deadline, sortAuditorSignatures(signatures)],
    });
    assert.equal((await publicClient.waitForTransactionReceipt({ hash })).status, "success");
    assert.equal(
      await publicClient.readContract({
        address: manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName: "measurementStatus",
        args: [measurement],
      }),
      MeasurementStatus.Approved,
    );

    const enclave = privateKeyToAccount(generatePrivateKey());
    const block = await publicClient.getBlock();
    const report = await buildDevReport({
      vendorPrivateKey: DEV_ATTESTATION_VENDOR_PRIVATE_KEY,
      mrEnclave: measurement,
      mrSigner: keccak256(toHex("devnet signer")),
      enclavePublicKey: enclave.publicKey,
      reportData: computeReportData({
        enclavePublicKey: enclave.publicKey,
        operator: relayer.account.address,
        l1BlockNumber: block.number,
        l1BlockHash: block.hash,
      }).reportData,
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
