import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  encodeDeployData,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  parseEther,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  AssetKind,
  computeWrappedTokenAddress,
  L2_BRIDGE_ADDRESS,
  l2BridgeAbi,
  obscuroTokenAbi,
  obscuroTokenBytecode,
  wrappedERC721Abi,
  wrappedERC721Bytecode,
} from "@obscuro/sdk";
import { DEV_ENCLAVE_MEASUREMENT, devAuditors, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";
import { EnclaveRpcError } from "@obscuro/enclave/rpc";
import { collectL1Blocks, EnclaveDriver, toFeed } from "./helpers/enclaveDriver.ts";
import { TestWallet } from "./helpers/wallet.ts";

/**
 * Issue 13 end to end on anvil: a genesis enclave process founds the network on the real
 * contracts; ETH, ERC20 and ERC721 deposits are credited on L2 with no user action; an L2 user
 * deploys a contract, transfers, and withdraws each asset kind; the enclave builds and signs the
 * rollup, it goes to L1 in blobs, becomes final, and `finalizeWithdrawal` pays with the enclave's
 * proofs; and an exit-mode balance proof from the same state is accepted by the bridge.
 */
describe("the enclave and the L2 chain on the real contracts (issue 13)", () => {
  let l1: DevL1;
  let genesis: EnclaveDriver;
  let treasury: ReturnType<DevL1["wallet"]>;
  let depositor: ReturnType<DevL1["wallet"]>;
  let nft: Address;
  const alice = privateKeyToAccount(generatePrivateKey());
  const bob = privateKeyToAccount(generatePrivateKey());
  let aliceWallet: TestWallet;
  let bobWallet: TestWallet;
  /** The withdrawals alice makes, and the rollup that carries them. */
  let rollupHash: Hex;

  before(async () => {
    l1 = await startDevL1();
    treasury = l1.wallet(0);
    depositor = l1.wallet(2);
    await l1.mined(treasury.approveMeasurement({ measurement: DEV_ENCLAVE_MEASUREMENT, auditors: devAuditors() }));
    genesis = await EnclaveDriver.start(l1, l1.wallet(1));
    aliceWallet = new TestWallet(alice, genesis.rpc);
    bobWallet = new TestWallet(bob, genesis.rpc);
  });
  after(async () => {
    await genesis?.stop();
    await l1?.stop();
  });

  it("founds the network: the genesis enclave registers, draws the secret, and its operator stakes", async () => {
    await genesis.sync();
    const enclaveId = await genesis.register();
    await genesis.sync();
    await genesis.found();
    await genesis.stake(treasury);
    await genesis.sync();
    const status = await genesis.rpc.call("getStatus", {});
    assert.equal(status.hasSecret, true);
    const info = await l1.publicClient.getNetworkInfo();
    assert.equal(status.networkKey, info.networkKey, "the enclave saw the network key in a verified L1 block");
    assert.equal(info.genesisEnclave, enclaveId);
    assert.equal((await l1.publicClient.getNode({ enclaveId })).active, true);
  });

  it("credits ETH, ERC20 and ERC721 deposits on L2 with no user action", async () => {
    const token = l1.manifest.contracts.ObscuroToken;
    // an ERC721 on L1 (the wrapped-token contract serves: its deployer may mint)
    const deployHash = await depositor.deployContract({
      abi: wrappedERC721Abi,
      bytecode: wrappedERC721Bytecode,
      args: [zeroAddress],
    });
    nft = (await l1.mined(deployHash)).contractAddress!;
    await l1.mined(
      depositor.writeContract({
        address: nft,
        abi: wrappedERC721Abi,
        functionName: "mint",
        args: [depositor.account.address, 7n],
      }),
    );
    await l1.mined(
      treasury.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: "transfer",
        args: [depositor.account.address, parseEther("500")],
      }),
    );
    await l1.mined(
      depositor.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [l1.manifest.contracts.BridgeManagement, parseEther("500")],
      }),
    );
    await l1.mined(
      depositor.writeContract({
        address: nft,
        abi: wrappedERC721Abi,
        functionName: "approve",
        args: [l1.manifest.contracts.BridgeManagement, 7n],
      }),
    );
    await l1.mined(depositor.depositEth({ to: alice.address, amount: parseEther("5") }));
    await l1.mined(depositor.depositEth({ to: bob.address, amount: parseEther("1") }));
    await l1.mined(depositor.depositErc20({ token, amount: parseEther("300"), to: alice.address }));
    await l1.mined(depositor.depositErc721({ token: nft, tokenId: 7n, to: alice.address }));
    const fed = await genesis.sync();
    assert.equal(
      fed.reduce((n, r) => n + r.deposits, 0),
      4,
      "four deposits seen in verified receipts",
    );

    const batch = await genesis.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: genesis.operator.account.address,
    });
    assert.ok(batch, "a batch with the deposits");
    assert.equal(batch.deposits, 4);
    assert.equal(await aliceWallet.balance(), parseEther("5"));
    assert.equal(await bobWallet.balance(), parseEther("1"));
    const wrappedErc20 = computeWrappedTokenAddress({ kind: AssetKind.Erc20, l1Token: token });
    const wrappedNft = computeWrappedTokenAddress({ kind: AssetKind.Erc721, l1Token: nft });
    assert.equal(
      BigInt(
        await aliceWallet.request<Hex>("eth_call", [
          {
            to: wrappedErc20,
            data: encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [alice.address] }),
          },
          "latest",
        ]),
      ),
      parseEther("300"),
    );
    const owner = await aliceWallet.request<Hex>("eth_call", [
      { to: wrappedNft, data: encodeFunctionData({ abi: wrappedERC721Abi, functionName: "ownerOf", args: [7n] }) },
      "latest",
    ]);
    assert.equal(getAddress(`0x${owner.slice(-40)}`), alice.address);
  });

  it("runs an L2 user's own contract, transfers, and withdrawals of each asset kind", async () => {
    const token = l1.manifest.contracts.ObscuroToken;
    let nonce = await aliceWallet.nonce();
    // alice deploys her own ERC20 on L2 (the protocol token's code serves), then pays bob with it
    const deployTx = await aliceWallet.send({
      data: encodeDeployData({
        abi: obscuroTokenAbi,
        bytecode: obscuroTokenBytecode,
        args: [alice.address, parseEther("1000")],
      }),
      gas: 5_000_000n,
      nonce: nonce++,
    });
    await aliceWallet.send({ to: bob.address, value: parseEther("0.5"), gas: 21_000n, nonce: nonce++ });
    await aliceWallet.send({
      to: L2_BRIDGE_ADDRESS,
      data: encodeFunctionData({ abi: l2BridgeAbi, functionName: "withdrawEth", args: [alice.address] }),
      value: parseEther("1"),
      gas: 200_000n,
      nonce: nonce++,
    });
    await aliceWallet.send({
      to: L2_BRIDGE_ADDRESS,
      data: encodeFunctionData({
        abi: l2BridgeAbi,
        functionName: "withdrawErc20",
        args: [token, parseEther("100"), alice.address],
      }),
      gas: 300_000n,
      nonce: nonce++,
    });
    await aliceWallet.send({
      to: L2_BRIDGE_ADDRESS,
      data: encodeFunctionData({ abi: l2BridgeAbi, functionName: "withdrawErc721", args: [nft, 7n, alice.address] }),
      gas: 300_000n,
      nonce: nonce++,
    });
    const batch = await genesis.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: genesis.operator.account.address,
    });
    assert.equal(batch?.transactions, 5, "every transaction sequenced");
    const receipt = await aliceWallet.request<{ status: Hex; contractAddress: Address }>("eth_getTransactionReceipt", [
      deployTx,
    ]);
    assert.equal(receipt.status, "0x1");
    const created = receipt.contractAddress;
    await aliceWallet.send({
      to: created,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [bob.address, parseEther("25")] }),
      gas: 100_000n,
    });
    await genesis.rpc.call("produceBatch", {
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      coinbase: genesis.operator.account.address,
    });
    const bobsTokens = await bobWallet.request<Hex>("eth_call", [
      { to: created, data: encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [bob.address] }) },
      "latest",
    ]);
    assert.equal(BigInt(bobsTokens), parseEther("25"));
    assert.ok((await bobWallet.balance()) === parseEther("1.5"));
    const withdrawals = await aliceWallet.request<{ id: Hex; kind: number }[]>("obscuro_getWithdrawals", []);
    assert.deepEqual(withdrawals.map((w) => w.kind).sort(), [0, 1, 2]);
  });

  it("builds and signs the rollup; it lands in blobs, the enclave applies it, it becomes final, and the withdrawals pay on L1", async () => {
    const built = await genesis.rpc.call("buildRollup", { mode: "blobs" });
    assert.equal(built.data.kind, "blobs");
    assert.equal(built.header.enclaveId, (await genesis.rpc.call("getStatus", {})).enclaveId);
    rollupHash = built.rollupHash;
    if (built.data.kind !== "blobs") throw new Error("unreachable");
    const { bytesToHex: _b, hexToBytes } = await import("viem");
    void _b;
    await l1.mined(
      genesis.operator.submitRollup({
        header: built.header,
        signature: built.signature,
        data: {
          kind: "blobs",
          blobs: {
            blobs: built.data.blobs.map((b) => hexToBytes(b)),
            commitments: built.data.commitments,
            proofs: built.data.proofs,
            versionedHashes: built.data.versionedHashes,
            dataHash: built.header.dataHash,
          } as never,
        },
      }),
    );
    // a host altering the blob (or handing over bytes that are no blob) is refused: the enclave
    // recomputes the blob's commitment and its versioned hash, the value L1 committed to
    const pending = await collectL1Blocks(l1, (await genesis.rpc.call("getStatus", {})).l1Head!.number + 1n);
    const at = pending.findIndex((block) => block.rollups.some((r) => r.blobs.length > 0));
    assert.ok(at >= 0, "the rollup's block, with its blob");
    for (const block of pending.slice(0, at)) await genesis.rpc.call("feedL1Block", toFeed(block));
    for (const [byte, mask] of [
      [100, 0x01],
      [96, 0xff],
    ] as const) {
      const altered = structuredClone(pending[at]!);
      altered.rollups.find((r) => r.blobs.length > 0)!.blobs[0]!.blob[byte]! ^= mask;
      await assert.rejects(
        genesis.rpc.call("feedL1Block", toFeed(altered)),
        (e: unknown) => e instanceof EnclaveRpcError && e.remoteCode === "L1_BLOCK_REFUSED",
        `blob byte ${byte} altered`,
      );
    }
    const fed = await genesis.sync();
    const applied = fed.flatMap((r) => r.rollups).find((r) => r.rollupHash === rollupHash);
    assert.equal(applied?.status, "applied", `the enclave re-executed its rollup: ${applied?.reason}`);
    // finality
    const { finalityDelay } = l1.manifest.settings.rollup;
    await l1.testClient.mine({ blocks: finalityDelay + 1 });
    assert.equal(await l1.publicClient.isRollupFinal({ rollupHash }), true);
    const withdrawals = await aliceWallet.request<{ id: Hex; kind: number; rollupHash: Hex }[]>(
      "obscuro_getWithdrawals",
      [],
    );
    const ethBefore = await l1.publicClient.getBalance({ address: alice.address });
    for (const w of withdrawals) {
      assert.equal(w.rollupHash, rollupHash);
      const proof = await aliceWallet.request<{ header: never; withdrawal: never; proof: Hex[] }>(
        "obscuro_getWithdrawalProof",
        [rollupHash, w.id],
      );
      await l1.mined(
        depositor.finalizeWithdrawal({
          header: toHeader(proof.header),
          withdrawal: toWithdrawal(proof.withdrawal),
          proof: proof.proof,
        }),
      );
    }
    assert.equal(await l1.publicClient.getBalance({ address: alice.address }), ethBefore + parseEther("1"));
    assert.equal(
      await l1.publicClient.readContract({
        address: l1.manifest.contracts.ObscuroToken,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [alice.address],
      }),
      parseEther("100"),
    );
    assert.equal(
      getAddress(
        await l1.publicClient.readContract({
          address: nft,
          abi: wrappedERC721Abi,
          functionName: "ownerOf",
          args: [7n],
        }),
      ),
      alice.address,
    );
  });

  it("gives a balance proof from the same state that the bridge accepts in exit mode", async () => {
    const proof = await bobWallet.request<{
      leaf: { account: Address; kind: number; token: Address; amountOrId: Hex };
      proof: Hex[];
      header: never;
      rollupHash: Hex;
    }>("obscuro_getBalanceProof", [{ kind: 0, token: zeroAddress }]);
    assert.equal(proof.rollupHash, rollupHash);
    // the council (the deployer here) freezes the bridge on this rollup
    await l1.mined(treasury.freezeBridge({ header: toHeader(proof.header) }));
    const before = await l1.publicClient.getBalance({ address: bob.address });
    const leaf = { ...proof.leaf, kind: proof.leaf.kind as AssetKind, amountOrId: BigInt(proof.leaf.amountOrId) };
    await l1.mined(depositor.exitWithBalanceProof({ leaf, proof: proof.proof }));
    assert.equal(await l1.publicClient.getBalance({ address: bob.address }), before + leaf.amountOrId);
    assert.ok(leaf.amountOrId > parseEther("1.4"), "bob's L2 ETH, gas spent by nobody");
  });
});

/** A header as the enclave's JSON answer carries it (quantities as hex), as the SDK takes it. */
function toHeader(header: Record<string, unknown>) {
  return {
    ...header,
    number: BigInt(header.number as string),
    l1BlockNumber: BigInt(header.l1BlockNumber as string),
    depositCount: BigInt(header.depositCount as string),
    keyEpoch: Number(header.keyEpoch),
  } as never;
}

function toWithdrawal(withdrawal: Record<string, unknown>) {
  return {
    id: BigInt(withdrawal.id as string),
    recipient: withdrawal.recipient as Address,
    kind: Number(withdrawal.kind),
    token: withdrawal.token as Address,
    amountOrId: BigInt(withdrawal.amountOrId as string),
  } as never;
}
