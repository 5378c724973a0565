import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createWalletClient, encodeFunctionData, getAddress, http, keccak256, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  defineObscuroL1Chain,
  deployCouncilSafe,
  enclavePolicyAbi,
  isErrorWithCode,
  MeasurementStatus,
  safeAbi,
  walletActionsObscuroL1,
} from "../src/index.ts";
import { deployDevProtocol } from "../src/devtools/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

describe("the security council is a Safe", () => {
  let l1: DevL1;
  const owners = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()].map((k) => privateKeyToAccount(k));

  before(async () => {
    l1 = await startDevL1();
  });
  after(async () => l1?.stop());

  it("acts only with a threshold of its owners' signatures, and says why a call it makes is refused", async () => {
    const { publicClient, wallet, mined, anvil } = l1;
    const deployer = wallet(0);
    const council = await deployCouncilSafe(deployer, { owners: owners.map((o) => o.address), threshold: 2 });
    const read = { address: council.safe, abi: safeAbi } as const;
    assert.equal(await publicClient.readContract({ ...read, functionName: "VERSION" }), "1.4.1");
    assert.equal(await publicClient.readContract({ ...read, functionName: "getThreshold" }), 2n);
    assert.deepEqual(
      (await publicClient.readContract({ ...read, functionName: "getOwners" })).map((a) => getAddress(a)),
      owners.map((o) => getAddress(o.address)),
    );

    // A protocol whose council is the Safe.
    const manifest = await deployDevProtocol(deployer, { governance: deployer.account.address, council: council.safe });
    const chain = defineObscuroL1Chain({ manifest, chain: l1.chain, rpcUrl: anvil.rpcUrl });
    const relayer = createWalletClient({ account: deployer.account, chain, transport: http(anvil.rpcUrl) }).extend(
      walletActionsObscuroL1(),
    );
    const measurement = keccak256(toHex("a compromised enclave build"));
    const status = () =>
      publicClient.readContract({
        address: manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName: "measurementStatus",
        args: [measurement],
      });
    const nonce = () => publicClient.getTransactionCount({ address: deployer.account.address });
    const before = await nonce();

    // One signature is not enough: refused before anything is sent.
    await assert.rejects(relayer.revokeMeasurementByCouncil({ measurement, signers: [owners[0]!] }), (error) =>
      isErrorWithCode(error, "COUNCIL_SIGNERS"),
    );
    // Nor is a stranger's.
    await assert.rejects(
      relayer.revokeMeasurementByCouncil({
        measurement,
        signers: [owners[0]!, privateKeyToAccount(generatePrivateKey())],
      }),
      (error) => isErrorWithCode(error, "COUNCIL_SIGNERS"),
    );
    // An owner alone, calling directly, is not the council: decoded by name, nothing sent.
    const ownerClient = createWalletClient({ account: owners[1]!, chain, transport: http(anvil.rpcUrl) }).extend(
      walletActionsObscuroL1(),
    );
    await l1.testClient.setBalance({ address: owners[1]!.address, value: parseEther("1") });
    await assert.rejects(
      ownerClient.revokeMeasurementByCouncil({ measurement }),
      (error) => isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "GovernedModule_NotCouncil",
    );
    // A call the council may make but that would fail is refused by name, not behind the Safe's GS013.
    await assert.rejects(
      relayer.revokeMeasurementByCouncil({ measurement: `0x${"00".repeat(32)}`, signers: [owners[2]!, owners[0]!] }),
      (error) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "EnclavePolicy_ZeroMeasurement",
    );
    assert.equal(await status(), MeasurementStatus.Unknown);
    assert.equal(await nonce(), before, "nothing was sent");

    // Two of three sign: the council revokes the measurement.
    await mined(relayer.revokeMeasurementByCouncil({ measurement, signers: [owners[2]!, owners[0]!] }));
    assert.equal(await status(), MeasurementStatus.Revoked);

    // The generic path: any call, as the Safe.
    const data = encodeFunctionData({
      abi: enclavePolicyAbi,
      functionName: "revokeMeasurementByCouncil",
      args: [keccak256(toHex("another build"))],
    });
    await mined(
      relayer.executeCouncilAction({ to: manifest.contracts.EnclavePolicy, data, signers: owners.slice(0, 2) }),
    );
  });

  it("refuses a council without distinct owners or with a bad threshold", async () => {
    const deployer = l1.wallet(0);
    for (const [ownerList, threshold] of [
      [[], 1],
      [[owners[0]!.address, owners[0]!.address], 1],
      [[owners[0]!.address], 2],
      [[owners[0]!.address], 0],
    ] as const) {
      await assert.rejects(deployCouncilSafe(deployer, { owners: ownerList, threshold }), (error) =>
        isErrorWithCode(error, "INVALID_COUNCIL"),
      );
    }
  });
});
