import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  toHex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  deployCouncilSafe,
  deployProtocol,
  enclavePolicyAbi,
  executeCouncilAction,
  isErrorWithCode,
  safeAbi,
} from "../src/index.ts";
import { startAnvil, type AnvilInstance } from "../src/devtools/index.ts";

describe("the security council is a Safe", () => {
  let anvil: AnvilInstance;
  let publicClient: PublicClient;
  const owners = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()].map((k) => privateKeyToAccount(k));

  before(async () => {
    anvil = await startAnvil();
    publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  });
  after(async () => anvil?.stop());

  const wallet = () =>
    createWalletClient({
      account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
      chain: foundry,
      transport: http(anvil.rpcUrl),
    });

  it("acts only with a threshold of its owners' signatures", async () => {
    const walletClient = wallet();
    const council = await deployCouncilSafe({
      walletClient,
      publicClient,
      owners: owners.map((o) => o.address),
      threshold: 2,
    });
    assert.equal(
      await publicClient.readContract({ address: council.safe, abi: safeAbi, functionName: "VERSION" }),
      "1.4.1",
    );
    assert.equal(
      await publicClient.readContract({ address: council.safe, abi: safeAbi, functionName: "getThreshold" }),
      2n,
    );
    assert.deepEqual(
      (await publicClient.readContract({ address: council.safe, abi: safeAbi, functionName: "getOwners" })).map((a) =>
        getAddress(a),
      ),
      owners.map((o) => getAddress(o.address)),
    );

    const manifest = await deployProtocol({ walletClient, publicClient, council: council.safe });
    const policy = manifest.contracts.EnclavePolicy;
    const measurement = keccak256(toHex("a compromised enclave build"));
    const data = encodeFunctionData({
      abi: enclavePolicyAbi,
      functionName: "revokeMeasurementByCouncil",
      args: [measurement],
    });

    // one signature is not enough: the Safe refuses and nothing changes
    await assert.rejects(
      executeCouncilAction({ walletClient, publicClient, safe: council.safe, signers: [owners[0]!], to: policy, data }),
      (error) => isErrorWithCode(error, "COUNCIL_ACTION_FAILED"),
    );
    // an owner alone, calling directly, is not the council
    const ownerWallet = createWalletClient({ account: owners[1]!, chain: foundry, transport: http(anvil.rpcUrl) });
    await publicClient.request({
      method: "anvil_setBalance" as never,
      params: [owners[1]!.address, "0xde0b6b3a7640000"] as never,
    });
    await assert.rejects(
      ownerWallet.writeContract({
        address: policy,
        abi: enclavePolicyAbi,
        functionName: "revokeMeasurementByCouncil",
        args: [measurement],
      }),
      /GovernedModule_NotCouncil/,
    );
    assert.equal(
      await publicClient.readContract({
        address: policy,
        abi: enclavePolicyAbi,
        functionName: "measurementStatus",
        args: [measurement],
      }),
      0,
    );

    // two of three sign: the council revokes the measurement
    await executeCouncilAction({
      walletClient,
      publicClient,
      safe: council.safe,
      signers: [owners[2]!, owners[0]!],
      to: policy,
      data,
    });
    assert.equal(
      await publicClient.readContract({
        address: policy,
        abi: enclavePolicyAbi,
        functionName: "measurementStatus",
        args: [measurement],
      }),
      2,
    );
  });

  it("refuses a council without distinct owners or with a bad threshold", async () => {
    const walletClient = wallet();
    for (const [ownerList, threshold] of [
      [[], 1],
      [[owners[0]!.address, owners[0]!.address], 1],
      [[owners[0]!.address], 2],
      [[owners[0]!.address], 0],
    ] as const) {
      await assert.rejects(deployCouncilSafe({ walletClient, publicClient, owners: ownerList, threshold }), (error) =>
        isErrorWithCode(error, "INVALID_COUNCIL"),
      );
    }
  });
});
