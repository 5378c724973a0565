import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createTestClient, createWalletClient, http, keccak256, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil, type AnvilInstance } from "../src/devtools/index.ts";
import {
  ContractCallRevertedError,
  dcapAttestationVerifierAbi,
  dcapCertificateRegistryAbi,
  defineObscuroL1Chain,
  deployProtocol,
  enclavePolicyAbi,
  encodeDcapReport,
  INTEL_SGX_ROOT_CA_DER,
  MeasurementStatus,
  parseDcapQuote,
  pemCertificates,
  publicActionsObscuroL1,
  TcbStatus,
  tcbStatusMask,
  TeeType,
  teeTypeMask,
  verifyDcapQuote,
  walletActionsObscuroL1,
  type DeploymentManifest,
} from "../src/index.ts";
import { quoteFixture, SCENARIOS } from "./attestation/dcap/fixtures.ts";

/**
 * `deployProtocol` with the Intel DCAP verifier on anvil, end to end with a real quote and its real
 * collateral (test-fixtures/dcap, INDEX.md S1): the verifier and its two registries deployed as
 * part of the plan and recorded in the manifest; the registries brought up to date by
 * `submitDcapCollateral` (a refusal decoded by name, a second submission skipped); the policy
 * verifying the quote exactly as the SDK's off-chain verifier does; and `registerNode` refusing
 * garbled and foreign quotes with the DCAP verifier's and NetworkManagement's errors, by name,
 * before anything is sent.
 */
const S1 = SCENARIOS.find((s) => s.id === "S1")!;
/** The enclave key the report claims (x ‖ y): a real quote's report data binds someone else's. */
const KEY: Hex = `0x${privateKeyToAccount(generatePrivateKey()).publicKey.slice(4)}`;

describe("deployProtocol with the DCAP verifier, on anvil with a real quote", () => {
  let anvil: AnvilInstance;
  let manifest: DeploymentManifest;
  const auditors = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()].map((k) =>
    privateKeyToAccount(k),
  );

  const clients = () => {
    const transport = http(anvil.rpcUrl);
    const chain = defineObscuroL1Chain({ manifest, chain: { ...foundry, id: anvil.chainId }, rpcUrl: anvil.rpcUrl });
    const account = privateKeyToAccount(anvil.accounts[0]!.privateKey);
    return {
      publicClient: createPublicClient({ chain, transport }).extend(publicActionsObscuroL1()),
      wallet: createWalletClient({ account, chain, transport, pollingInterval: 100 }).extend(walletActionsObscuroL1()),
    };
  };

  /** Moves anvil's clock (the DCAP collateral is valid around the scenario's pinned time). */
  async function setTime(time: number) {
    const testClient = createTestClient({ chain: foundry, transport: http(anvil.rpcUrl), mode: "anvil" });
    await testClient.request({ method: "evm_setTime" as never, params: [time] as never });
    await testClient.mine({ blocks: 1 });
  }

  before(async () => {
    // The chain starts an hour before the scenario's time, at osaka (the P-256 precompile).
    anvil = await startAnvil({ extraArgs: ["--timestamp", String(S1.at - 3600)] });
  });
  after(async () => anvil?.stop());

  it("deploys the DCAP verifier and its registries as part of the plan, and records them", async () => {
    const account = privateKeyToAccount(anvil.accounts[0]!.privateKey);
    const deployer = createWalletClient({
      account,
      chain: { ...foundry, id: anvil.chainId },
      transport: http(anvil.rpcUrl),
    });
    const deployed: string[] = [];
    manifest = await deployProtocol(deployer, {
      attestation: {
        kind: "dcap",
        auditors: auditors.map((a) => a.address),
        threshold: 2,
        // S1's platform is SWHardeningNeeded.
        acceptedTcbStatuses: tcbStatusMask([TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded]),
      },
      governance: account.address,
      council: account.address,
      onDeployed: ({ name, role }) => deployed.push(role ? `${name} ${role}` : name),
    });
    assert.deepEqual(deployed.slice(1, 5), [
      "DcapCertificateRegistry",
      "DcapCollateralRegistry",
      "DcapAttestationVerifier",
      "EnclavePolicy implementation",
    ]);
    assert.equal(manifest.settings.attestation.kind, "dcap");
    assert.ok(manifest.contracts.DcapCertificateRegistry && manifest.contracts.DcapCollateralRegistry);
    const { publicClient } = clients();
    const policy = await publicClient.getEnclavePolicy();
    assert.equal(policy.verifier, manifest.contracts.AttestationVerifier);
    assert.equal(policy.acceptedTeeTypes, teeTypeMask([TeeType.Sgx, TeeType.Tdx]));
    assert.equal(
      await publicClient.readContract({
        address: manifest.contracts.AttestationVerifier,
        abi: dcapAttestationVerifierAbi,
        functionName: "collateral",
      }),
      manifest.contracts.DcapCollateralRegistry,
    );
    const chain = defineObscuroL1Chain({ manifest });
    assert.equal(chain.contracts.dcapCertificateRegistry?.address, manifest.contracts.DcapCertificateRegistry);
    // The registry pins the Intel SGX Root CA.
    const root = await publicClient.readContract({
      address: manifest.contracts.DcapCertificateRegistry!,
      abi: dcapCertificateRegistryAbi,
      functionName: "certificate",
      args: [0],
    });
    assert.equal(root.certificateHash, keccak256(INTEL_SGX_ROOT_CA_DER));
  });

  it("brings the registries up to date with real collateral: refusals by name, nothing twice", async () => {
    assert.ok(manifest, "needs the deployment");
    await setTime(S1.at - 60);
    const { publicClient, wallet } = clients();
    const c = S1.collateral();
    const nonce = await publicClient.getTransactionCount({ address: wallet.account.address });
    // A PCK CRL before its issuer's certificate: the registry refuses it by name; nothing sent.
    await assert.rejects(
      wallet.submitDcapCollateral({ items: { pckCrl: c.pckCrl } }),
      (error) =>
        error instanceof ContractCallRevertedError && error.errorName === "DcapCertificateRegistry_UnknownIssuer",
    );
    assert.equal(await publicClient.getTransactionCount({ address: wallet.account.address }), nonce);
    const quote = quoteFixture(S1.quote);
    const pckCa = pemCertificates(Buffer.from(parseDcapQuote(quote).certificationData).toString("latin1"))[1]!;
    const items = {
      rootCaCrl: c.rootCaCrl,
      pckCaCertificate: pckCa,
      tcbSigningCertificate: c.tcbSigningCertificate,
      pckCrl: c.pckCrl,
      tcbInfo: c.tcbInfo,
      qeIdentity: c.qeIdentity,
    };
    const first = await wallet.submitDcapCollateral({ items });
    assert.equal(first.submitted.length, 6);
    const again = await wallet.submitDcapCollateral({ items });
    assert.deepEqual(again.submitted, []);
    assert.equal(again.current.length, 6);
  });

  it("verifies the quote on chain as the SDK does off chain, once the auditors approved its measurement", async () => {
    const { publicClient, wallet } = clients();
    const quote = quoteFixture(S1.quote);
    const offChain = verifyDcapQuote({
      quote,
      collateral: S1.collateral(),
      now: S1.at - 60,
      enclavePublicKey: KEY,
    }).result;
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.approveMeasurement({ measurement: offChain.measurement, auditors: auditors.slice(0, 2) }),
    });
    assert.equal(
      await publicClient.getMeasurementStatus({ measurement: offChain.measurement }),
      MeasurementStatus.Approved,
    );
    const onChain = await publicClient.readContract({
      address: manifest.contracts.EnclavePolicy,
      abi: enclavePolicyAbi,
      functionName: "verifyReport",
      args: [encodeDcapReport({ quote, enclavePublicKey: KEY })],
    });
    assert.deepEqual({ ...onChain }, offChain);
  });

  it("refuses garbled and foreign quotes in registerNode by the DCAP verifier's and NetworkManagement's error names", async () => {
    const { publicClient, wallet } = clients();
    const quote = quoteFixture(S1.quote);
    const block = await publicClient.getBlock();
    const register = (report: Hex) => wallet.registerNode({ report, l1BlockNumber: block.number });
    const refusal = (report: Hex) =>
      register(report).then(
        () => undefined,
        (error: unknown) => (error instanceof ContractCallRevertedError ? error.errorName : String(error)),
      );
    const nonce = await publicClient.getTransactionCount({ address: wallet.account.address });

    // Cut short: the quote parser refuses it.
    const truncated = await refusal(encodeDcapReport({ quote: quote.slice(0, 600), enclavePublicKey: KEY }));
    // One bit of the quote's signature flipped: the attestation key's signature fails.
    const tampered = quote.slice();
    const body = 48 + 384; // header + SGX report body: the signature data follows its length
    tampered[body + 4 + 10] = tampered[body + 4 + 10]! ^ 0x01;
    const forged = await refusal(encodeDcapReport({ quote: tampered, enclavePublicKey: KEY }));
    // Genuine, but its report data binds another enclave key, operator and block.
    const foreign = await refusal(encodeDcapReport({ quote, enclavePublicKey: KEY }));

    assert.deepEqual(
      { truncated, forged, foreign },
      {
        truncated: "DcapQuote_Truncated",
        forged: "DcapAttestationVerifier_InvalidQuoteSignature",
        foreign: "NetworkManagement_ReportDataMismatch",
      },
    );
    assert.equal(
      await publicClient.getTransactionCount({ address: wallet.account.address }),
      nonce,
      "nothing was sent",
    );
  });
});
