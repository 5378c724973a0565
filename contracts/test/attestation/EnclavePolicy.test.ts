import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildDevReport } from "@obscuro/sdk/devtools";
import {
  computeReportData,
  decodeDevReport,
  computeEnclaveId,
  getMeasurementTypedData,
  MeasurementStatus,
  signMeasurementStatement,
  sortAuditorSignatures,
  tcbStatusMask,
  TcbStatus,
  TeeType,
  teeTypeMask,
  type AuditorSignature,
  type MeasurementStatement,
} from "@obscuro/sdk";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, hashTypedData, keccak256, toHex, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { takeAccounts } from "../helpers/accounts.ts";

const VENDOR_KEY = keccak256(toHex("obscuro/hardhat-test/vendor"));
const MEASUREMENT = keccak256(toHex("obscuro enclave v1.0.0"));
const SIGNER = keccak256(toHex("obscuro enclave signing key"));

describe("EnclavePolicy with SDK-built reports and viem-signed approvals", async () => {
  const { viem, networkHelpers } = await network.create();
  const wallets = await viem.getWalletClients();
  const [governance, council, relayer, operator, auditorA, auditorB, auditorC] = takeAccounts(wallets, 7);
  const auditors = [auditorA, auditorB, auditorC];
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();

  async function deployPolicy() {
    const verifier = await viem.deployContract("DevAttestationVerifier", [privateKeyToAccount(VENDOR_KEY).address]);
    const implementation = await viem.deployContract("EnclavePolicy");
    const auditorAddresses = auditors
      .map((w) => getAddress(w.account.address))
      .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const init = encodeFunctionData({
      abi: implementation.abi,
      functionName: "initialize",
      args: [
        governance.account.address,
        council.account.address,
        {
          verifier: verifier.address,
          auditors: auditorAddresses,
          threshold: 2n,
          acceptedTeeTypes: teeTypeMask([TeeType.Simulated]),
          acceptedTcbStatuses: tcbStatusMask([TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded]),
          maxReportAge: 64n,
          keyLifetime: 30n * 86_400n,
        },
      ],
    });
    const proxy = await viem.deployContract("ERC1967Proxy", [implementation.address, init]);
    const policy = await viem.getContractAt("EnclavePolicy", proxy.address);
    const asRelayer = await viem.getContractAt("EnclavePolicy", proxy.address, { client: { wallet: relayer } });
    const asGovernance = await viem.getContractAt("EnclavePolicy", proxy.address, { client: { wallet: governance } });
    const asCouncil = await viem.getContractAt("EnclavePolicy", proxy.address, { client: { wallet: council } });
    return { verifier, policy, asRelayer, asGovernance, asCouncil };
  }

  async function sign(
    statement: MeasurementStatement,
    policy: Address,
    signers: typeof auditors,
    options: { measurement?: Hex; policyVersion?: bigint; deadline?: bigint } = {},
  ): Promise<{ deadline: bigint; signatures: AuditorSignature[] }> {
    const deadline = options.deadline ?? BigInt(await networkHelpers.time.latest()) + 3600n;
    const signatures = await Promise.all(
      signers.map((auditor) =>
        signMeasurementStatement({
          auditor,
          statement,
          chainId,
          policy,
          measurement: options.measurement ?? MEASUREMENT,
          policyVersion: options.policyVersion ?? 1n,
          deadline,
        }),
      ),
    );
    return { deadline, signatures };
  }

  /** An SDK-built dev report whose report data binds `operator` and the latest L1 block. */
  async function freshReport(overrides: { debug?: boolean; tcbStatus?: TcbStatus } = {}) {
    const enclave = privateKeyToAccount(generatePrivateKey());
    const block = await publicClient.getBlock();
    const { reportData } = computeReportData({
      enclavePublicKey: enclave.publicKey,
      operator: operator.account.address,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
    });
    const report = await buildDevReport({
      vendorPrivateKey: VENDOR_KEY,
      mrEnclave: MEASUREMENT,
      mrSigner: SIGNER,
      isvProdId: 1,
      isvSvn: 2,
      reportData,
      enclavePublicKey: enclave.publicKey,
      attributes: { flags: overrides.debug ? 0x7n : 0x5n, xfrm: 3n },
      tcbStatus: overrides.tcbStatus ?? TcbStatus.UpToDate,
    });
    return { enclave, block, report };
  }

  it("hashes approvals exactly as viem's typed data", async () => {
    const { policy } = await networkHelpers.loadFixture(deployPolicy);
    for (const statement of ["ApproveMeasurement", "RevokeMeasurement"] as const) {
      const typedData = getMeasurementTypedData({
        statement,
        chainId,
        policy: policy.address,
        measurement: MEASUREMENT,
        policyVersion: 7n,
        deadline: 99n,
      });
      const onChain =
        statement === "ApproveMeasurement"
          ? await policy.read.hashApproveMeasurement([MEASUREMENT, 7n, 99n])
          : await policy.read.hashRevokeMeasurement([MEASUREMENT, 7n, 99n]);
      assert.equal(onChain, hashTypedData(typedData));
    }
  });

  it("approves with 2 of 3 auditor signatures relayed by anyone, then accepts a fresh SDK-built report", async () => {
    const { policy, asRelayer } = await networkHelpers.loadFixture(deployPolicy);
    const { deadline, signatures } = await sign("ApproveMeasurement", policy.address, [auditorC, auditorA]);
    await viem.assertions.emit(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, sortAuditorSignatures(signatures)]),
      policy,
      "MeasurementApproved",
    );
    assert.equal(await policy.read.measurementStatus([MEASUREMENT]), MeasurementStatus.Approved);

    const { enclave, block, report } = await freshReport();
    const result = await policy.read.verifyReport([report]);
    const decoded = await decodeDevReport({ report, vendor: privateKeyToAccount(VENDOR_KEY).address });
    assert.deepEqual(
      { ...result, measurement: result.measurement.toLowerCase() as Hex },
      { ...decoded.result, measurement: decoded.result.measurement.toLowerCase() as Hex },
    );
    assert.equal(computeEnclaveId(result.enclavePublicKey), getAddress(enclave.address));
    assert.equal(await policy.read.isAcceptable([result]), true);

    // The binding NetworkManagement will check, and the freshness of the block it names.
    await networkHelpers.mine(1);
    await policy.read.checkFreshness([block.number, block.hash]);
    await networkHelpers.mine(64);
    await viem.assertions.revertWithCustomError(
      policy.read.checkFreshness([block.number, block.hash]),
      policy,
      "EnclavePolicy_ReportTooOld",
    );
  });

  it("refuses unsorted, duplicated, expired and stale-version approvals", async () => {
    const { policy, asRelayer, asGovernance } = await networkHelpers.loadFixture(deployPolicy);
    const { deadline, signatures } = await sign("ApproveMeasurement", policy.address, [auditorA, auditorB]);
    const sorted = sortAuditorSignatures(signatures);

    await viem.assertions.revertWithCustomError(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, [...sorted].reverse()]),
      policy,
      "EnclavePolicy_SignersNotAscending",
    );
    await viem.assertions.revertWithCustomError(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, [sorted[0]!, sorted[0]!]]),
      policy,
      "EnclavePolicy_SignersNotAscending",
    );
    await viem.assertions.revertWithCustomError(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, [sorted[0]!]]),
      policy,
      "EnclavePolicy_InsufficientSignatures",
    );

    const snapshot = await networkHelpers.takeSnapshot();
    await networkHelpers.time.increaseTo(deadline + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, sorted]),
      policy,
      "EnclavePolicy_SignaturesExpired",
      [deadline],
    );
    await snapshot.restore();

    await asGovernance.write.setThreshold([2n]);
    assert.equal(await policy.read.policyVersion(), 2n);
    await viem.assertions.revertWithCustomError(
      asRelayer.write.approveMeasurement([MEASUREMENT, deadline, sorted]),
      policy,
      "EnclavePolicy_NotAuditor",
    );
    assert.equal(await policy.read.measurementStatus([MEASUREMENT]), MeasurementStatus.Unknown);

    const fresh = await sign("ApproveMeasurement", policy.address, [auditorA, auditorB], { policyVersion: 2n });
    await asRelayer.write.approveMeasurement([MEASUREMENT, fresh.deadline, sortAuditorSignatures(fresh.signatures)]);
    assert.equal(await policy.read.measurementStatus([MEASUREMENT]), MeasurementStatus.Approved);
  });

  it("refuses debug enclaves and unaccepted TCB statuses in verifyReport", async () => {
    const { policy, asRelayer } = await networkHelpers.loadFixture(deployPolicy);
    const { deadline, signatures } = await sign("ApproveMeasurement", policy.address, auditors);
    await asRelayer.write.approveMeasurement([MEASUREMENT, deadline, sortAuditorSignatures(signatures)]);

    await viem.assertions.revertWithCustomError(
      policy.read.verifyReport([(await freshReport({ debug: true })).report]),
      policy,
      "EnclavePolicy_DebugEnclave",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      policy.read.verifyReport([(await freshReport({ tcbStatus: TcbStatus.OutOfDate })).report]),
      policy,
      "EnclavePolicy_TcbStatusNotAccepted",
      [TcbStatus.OutOfDate],
    );
    // SWHardeningNeeded is on this policy's accepted list.
    const ok = await policy.read.verifyReport([(await freshReport({ tcbStatus: TcbStatus.SWHardeningNeeded })).report]);
    assert.equal(ok.tcbStatus, TcbStatus.SWHardeningNeeded);
  });

  it("revokes for ever: a revoked measurement stops being acceptable at once", async () => {
    const { policy, asRelayer, asCouncil } = await networkHelpers.loadFixture(deployPolicy);
    const approval = await sign("ApproveMeasurement", policy.address, [auditorA, auditorB]);
    await asRelayer.write.approveMeasurement([
      MEASUREMENT,
      approval.deadline,
      sortAuditorSignatures(approval.signatures),
    ]);
    const result = await policy.read.verifyReport([(await freshReport()).report]);
    assert.equal(await policy.read.isAcceptable([result]), true);

    const revocation = await sign("RevokeMeasurement", policy.address, [auditorB, auditorC]);
    await viem.assertions.emit(
      asRelayer.write.revokeMeasurement([
        MEASUREMENT,
        revocation.deadline,
        sortAuditorSignatures(revocation.signatures),
      ]),
      policy,
      "MeasurementRevokedByAuditors",
    );
    assert.equal(await policy.read.isAcceptable([result]), false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      policy.read.validate([result]),
      policy,
      "EnclavePolicy_MeasurementRevoked",
      [MEASUREMENT],
    );
    await viem.assertions.revertWithCustomError(
      asRelayer.write.approveMeasurement([MEASUREMENT, approval.deadline, sortAuditorSignatures(approval.signatures)]),
      policy,
      "EnclavePolicy_MeasurementRevoked",
    );
    await viem.assertions.revertWithCustomError(
      asCouncil.write.revokeMeasurementByCouncil([MEASUREMENT]),
      policy,
      "EnclavePolicy_MeasurementRevoked",
    );
  });

  it("lets only the council revoke without auditors", async () => {
    const { policy, asRelayer, asCouncil } = await networkHelpers.loadFixture(deployPolicy);
    await viem.assertions.revertWithCustomErrorWithArgs(
      asRelayer.write.revokeMeasurementByCouncil([MEASUREMENT]),
      policy,
      "GovernedModule_NotCouncil",
      [getAddress(relayer.account.address)],
    );
    await viem.assertions.emitWithArgs(
      asCouncil.write.revokeMeasurementByCouncil([MEASUREMENT]),
      policy,
      "MeasurementRevokedByCouncil",
      [MEASUREMENT, getAddress(council.account.address)],
    );
    assert.equal(await policy.read.measurementStatus([MEASUREMENT]), MeasurementStatus.Revoked);
  });
});
