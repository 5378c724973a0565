import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  DcapError,
  decodeProtocolRevert,
  deployDcapVerifier,
  encodeDcapReport,
  isErrorWithCode,
  parseDcapQuote,
  pemCertificates,
  submitDcapCollateral,
  verifyDcapQuote,
} from "@obscuro/sdk";
import { dcapAttestationVerifierAbi } from "@obscuro/sdk";
import { quoteFixture, SCENARIOS, type Scenario } from "../../../../packages/sdk/test/attestation/dcap/fixtures.ts";

const KEY = `0x${"5a".repeat(64)}` as const;

/**
 * The TypeScript verdict and the on-chain verdict of one scenario, side by side, a minute before
 * its pinned time: each submission mines a block a second later, and some pinned times are the
 * last second of their window (the Solidity tests verify at exactly the pinned times).
 */
async function both(scenario: Scenario) {
  const at = scenario.at - 60;
  // A fresh chain whose clock starts an hour before the scenario's pinned time.
  const { viem, networkHelpers } = await network.create({
    override: { initialDate: new Date((at - 3600) * 1000) },
  });
  const [wallet] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();
  const addresses = await deployDcapVerifier(wallet!);
  await networkHelpers.time.increaseTo(at);
  const c = scenario.collateral();
  const quote = quoteFixture(scenario.quote);
  // The PCK CA certificate travels in the quote's own chain (leaf, CA, root).
  const pckCa = pemCertificates(Buffer.from(parseDcapQuote(quote).certificationData).toString("latin1"))[1]!;
  await submitDcapCollateral(wallet!, {
    dcapCertificateRegistryAddress: addresses.DcapCertificateRegistry,
    dcapCollateralRegistryAddress: addresses.DcapCollateralRegistry,
    items: {
      rootCaCrl: c.rootCaCrl,
      pckCaCertificate: pckCa,
      tcbSigningCertificate: c.tcbSigningCertificate,
      pckCrl: c.pckCrl,
      tcbInfo: c.tcbInfo,
      qeIdentity: c.qeIdentity,
    },
  });
  const onChain = publicClient
    .readContract({
      address: addresses.DcapAttestationVerifier,
      abi: dcapAttestationVerifierAbi,
      functionName: "verify",
      args: [encodeDcapReport({ quote, enclavePublicKey: KEY })],
    })
    .then(
      (result) => ({ result }),
      (error: unknown) => {
        return { error: decodeProtocolRevert(error)?.errorName ?? String(error) };
      },
    );
  let offChain: { result: ReturnType<typeof verifyDcapQuote>["result"] } | { error: string };
  try {
    offChain = { result: verifyDcapQuote({ quote, collateral: c, now: at, enclavePublicKey: KEY }).result };
  } catch (error) {
    assert.ok(error instanceof DcapError);
    offChain = { error: error.code };
  }
  return { onChain: await onChain, offChain };
}

describe("submitDcapCollateral", () => {
  it("skips what the registries already hold and reports a refusal by the contract's error", async () => {
    const s1 = SCENARIOS.find((s) => s.id === "S1")!;
    const { viem, networkHelpers } = await network.create({
      override: { initialDate: new Date((s1.at - 3600) * 1000) },
    });
    const [wallet] = await viem.getWalletClients();
    const addresses = await deployDcapVerifier(wallet!);
    await networkHelpers.time.increaseTo(s1.at);
    const c = s1.collateral();
    const target = {
      dcapCertificateRegistryAddress: addresses.DcapCertificateRegistry,
      dcapCollateralRegistryAddress: addresses.DcapCollateralRegistry,
    };
    const items = { rootCaCrl: c.rootCaCrl, tcbSigningCertificate: c.tcbSigningCertificate, tcbInfo: c.tcbInfo };
    const first = await submitDcapCollateral(wallet!, { ...target, items });
    assert.deepEqual(
      first.submitted.map((s) => s.item),
      ["rootCaCrl", "tcbSigningCertificate", "tcbInfo"],
    );
    const again = await submitDcapCollateral(wallet!, { ...target, items });
    assert.deepEqual(again.submitted, []);
    assert.deepEqual(again.current, ["rootCaCrl", "tcbSigningCertificate", "tcbInfo"]);
    // A PCK CRL whose issuer (the PCK Platform CA) was never submitted.
    await assert.rejects(
      submitDcapCollateral(wallet!, { ...target, items: { pckCrl: c.pckCrl } }),
      (error: unknown) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "DcapCertificateRegistry_UnknownIssuer",
    );
  });
});

describe("DcapAttestationVerifier on-chain = verifyDcapQuote off-chain, every INDEX.md scenario", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id} ${scenario.quote}`, async () => {
      const { onChain, offChain } = await both(scenario);
      if ("error" in scenario.expected) {
        assert.deepEqual(onChain, { error: "DcapTcb_TcbLevelNotFound" });
        assert.deepEqual(offChain, { error: scenario.expected.error });
        return;
      }
      assert.ok("result" in onChain, JSON.stringify(onChain));
      assert.ok("result" in offChain);
      // Every field of the AttestationResult, as viem decodes the contract's.
      assert.deepEqual({ ...onChain.result }, offChain.result);
    });
  }
});
