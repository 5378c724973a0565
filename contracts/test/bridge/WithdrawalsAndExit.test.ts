import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  createWalletClient,
  custom,
  getAddress,
  keccak256,
  parseAbi,
  parseEther,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  AssetKind,
  BridgeLedger,
  buildLedgerTree,
  buildWithdrawalTree,
  computeCalldataDataHash,
  depositErc20,
  depositErc721,
  depositEth,
  exitWithBalanceProof,
  finalizeWithdrawal,
  getDepositRangeProof,
  QueuePointKind,
  getDeposits,
  refundDeposit,
  signRollupHeader,
  submitRollup,
  type RollupHeader,
  type Withdrawal,
} from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { deployRollupModules, TEST_ROLLUP_PARAMS } from "../helpers/rollupModules.ts";

const erc20Abi = parseAbi([
  "function mint(address to, uint256 amount)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function balanceOf(address) view returns (uint256)",
]);
const erc721Abi = parseAbi([
  "function mint(address to, uint256 id)",
  "function approve(address to, uint256 id)",
  "function ownerOf(uint256 id) view returns (address)",
]);

/**
 * End to end on Hardhat's in-process L1: users deposit ETH, an ERC20 and an ERC721; a node-like
 * sequencer builds the L2 ledger from the bridge's events with the SDK's BridgeLedger, burns
 * withdrawals, commits `stateRoot` and `withdrawalRoot`, submits rollups; withdrawals are paid
 * after finality, held while a two-deep fork lives; exit mode pays everyone exactly their balance.
 */
describe("withdrawals and exit mode, end to end", async () => {
  const { viem, networkHelpers, provider } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [admin, alice, bob, carol, relayer, governance, council] = takeAccounts(await viem.getWalletClients(), 7);
  const chainId = await publicClient.getChainId();
  const enclaveKeys = [generatePrivateKey(), generatePrivateKey()] as const;
  const operators = enclaveKeys.map(() =>
    createWalletClient({
      account: privateKeyToAccount(generatePrivateKey()),
      chain: publicClient.chain,
      transport: custom(provider),
    }),
  );

  async function deploy() {
    const mockNetwork = await viem.deployContract("MockNetworkManagement");
    for (const [i, key] of enclaveKeys.entries()) {
      const operator = operators[i]!;
      await networkHelpers.setBalance(operator.account.address, parseEther("100"));
      await admin.writeContract({
        address: mockNetwork.address,
        abi: parseAbi(["function setPublisher(address enclaveId, address operator, uint256 stake)"]),
        functionName: "setPublisher",
        args: [privateKeyToAccount(key).address, operator.account.address, parseEther("1000")],
      });
    }
    const { bridge, rollups } = await deployRollupModules(
      viem,
      mockNetwork.address,
      governance.account.address,
      council.account.address,
    );
    const token = await viem.deployContract("TestERC20");
    const nft = await viem.deployContract("TestERC721");
    const deployBlock = await publicClient.getBlockNumber();
    return { bridge, rollups, token: token.address as Address, nft: nft.address as Address, deployBlock };
  }

  type Fixture = Awaited<ReturnType<typeof deploy>>;

  /** The node's view: a ledger per rollup. */
  const ledgers = new Map<Hex, BridgeLedger>();

  /**
   * Builds, signs and submits a rollup on `parentHash` the way a node does: credits the deposits
   * made up to the previous L1 block, burns `withdrawals`, commits the resulting roots.
   */
  async function sequence(
    f: Fixture,
    parentHash: Hex,
    withdrawals: Parameters<BridgeLedger["withdraw"]>[0],
    options: { enclave?: 0 | 1; sibling?: Hex } = {},
  ): Promise<{ header: RollupHeader; hash: Hex; withdrawals: Withdrawal[]; ledger: BridgeLedger }> {
    const parentLedger = ledgers.get(parentHash) ?? new BridgeLedger();
    await networkHelpers.mine(1);
    const l1BlockNumber = (await publicClient.getBlockNumber()) - 1n;
    const l1Block = await publicClient.getBlock({ blockNumber: l1BlockNumber });
    const deposits = (
      await getDeposits(publicClient, {
        bridgeManagementAddress: f.bridge.address,
        fromBlock: f.deployBlock,
        toBlock: l1BlockNumber,
      })
    ).filter((d) => d.index >= parentLedger.depositCount);
    const credited = parentLedger.applyDeposits(deposits);
    const { ledger, withdrawals: burned } = credited.withdraw(withdrawals);
    const [, depositAcc] = await f.bridge.read.depositQueue();
    const parent = await f.rollups.read.rollup([parentHash]);
    const enclave = options.enclave ?? 0;
    const payload = `0x00${(ledger.nextWithdrawalId + 1n).toString(16).padStart(8, "0")}` as Hex;
    const header: RollupHeader = {
      parentHash,
      number: parent.number + 1n,
      l1BlockNumber,
      l1BlockHash: l1Block.hash,
      depositCount: ledger.depositCount,
      depositAcc,
      stateRoot: buildLedgerTree(ledger.leaves()).root,
      withdrawalRoot: buildWithdrawalTree(burned).root,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: 0,
      keyCommitment: parent.number === 0n ? keccak256("0xe0") : zeroHash,
      enclaveId: privateKeyToAccount(enclaveKeys[enclave]).address,
    };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: f.rollups.address,
      enclavePrivateKey: enclaveKeys[enclave],
    });
    const tx = await submitRollup(operators[enclave]!, {
      rollupManagementAddress: f.rollups.address,
      bridgeManagementAddress: f.bridge.address,
      header,
      signature,
      data: { kind: "calldata", payload },
      canonicalSibling: options.sibling,
    });
    assert.equal((await publicClient.waitForTransactionReceipt({ hash: tx })).status, "success");
    ledgers.set(rollupHash, ledger);
    return { header, hash: rollupHash, withdrawals: burned, ledger };
  }

  async function fund(f: Fixture) {
    await admin.writeContract({
      address: f.token,
      abi: erc20Abi,
      functionName: "mint",
      args: [alice.account.address, 1000n],
    });
    await alice.writeContract({
      address: f.token,
      abi: erc20Abi,
      functionName: "approve",
      args: [f.bridge.address, 1000n],
    });
    await admin.writeContract({
      address: f.nft,
      abi: erc721Abi,
      functionName: "mint",
      args: [alice.account.address, 7n],
    });
    await alice.writeContract({
      address: f.nft,
      abi: erc721Abi,
      functionName: "approve",
      args: [f.bridge.address, 7n],
    });
    await depositEth(alice, {
      bridgeManagementAddress: f.bridge.address,
      to: alice.account.address,
      amount: parseEther("5"),
    });
    await depositErc20(alice, {
      bridgeManagementAddress: f.bridge.address,
      token: f.token,
      to: alice.account.address,
      amount: 1000n,
    });
    await depositErc721(alice, {
      bridgeManagementAddress: f.bridge.address,
      token: f.nft,
      tokenId: 7n,
      to: alice.account.address,
    });
    await depositEth(bob, {
      bridgeManagementAddress: f.bridge.address,
      to: bob.account.address,
      amount: parseEther("2"),
    });
  }

  async function waitFinal(f: Fixture, hash: Hex) {
    const record = await f.rollups.read.rollup([hash]);
    const now = await publicClient.getBlockNumber();
    if (now < BigInt(record.finalAt)) await networkHelpers.mine(Number(BigInt(record.finalAt) - now));
    assert.equal(await f.rollups.read.isFinal([hash]), true);
  }

  it("pays ETH, ERC20 and ERC721 withdrawals once their rollup is final", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    ledgers.clear();
    await fund(f);
    const genesis = await f.rollups.read.genesisHash();
    const r1 = await sequence(f, genesis, [
      {
        account: alice.account.address,
        recipient: carol.account.address,
        kind: AssetKind.Eth,
        token: zeroAddress,
        amountOrId: parseEther("1.5"),
      },
      {
        account: alice.account.address,
        recipient: carol.account.address,
        kind: AssetKind.Erc20,
        token: f.token,
        amountOrId: 250n,
      },
      {
        account: alice.account.address,
        recipient: carol.account.address,
        kind: AssetKind.Erc721,
        token: f.nft,
        amountOrId: 7n,
      },
    ]);
    assert.equal(r1.ledger.balanceOf(alice.account.address, AssetKind.Eth), parseEther("3.5"));
    const tree = buildWithdrawalTree(r1.withdrawals);
    const [first] = r1.withdrawals;
    await viem.assertions.revertWithCustomError(
      finalizeWithdrawal(relayer, {
        bridgeManagementAddress: f.bridge.address,
        header: r1.header,
        withdrawal: first!,
        proof: tree.proof(first!),
      }),
      f.rollups,
      "RollupManagement_NotFinal",
    );
    await waitFinal(f, r1.hash);
    const carolEthBefore = await publicClient.getBalance({ address: carol.account.address });
    for (const withdrawal of r1.withdrawals) {
      await finalizeWithdrawal(relayer, {
        bridgeManagementAddress: f.bridge.address,
        header: r1.header,
        withdrawal,
        proof: tree.proof(withdrawal),
      });
    }
    assert.equal(await publicClient.getBalance({ address: carol.account.address }), carolEthBefore + parseEther("1.5"));
    assert.equal(
      await publicClient.readContract({
        address: f.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [carol.account.address],
      }),
      250n,
    );
    assert.equal(
      getAddress(
        await publicClient.readContract({ address: f.nft, abi: erc721Abi, functionName: "ownerOf", args: [7n] }),
      ),
      getAddress(carol.account.address),
    );
    await viem.assertions.revertWithCustomError(
      finalizeWithdrawal(relayer, {
        bridgeManagementAddress: f.bridge.address,
        header: r1.header,
        withdrawal: first!,
        proof: tree.proof(first!),
      }),
      f.bridge,
      "BridgeManagement_WithdrawalAlreadyFinalized",
    );
  });

  it("holds a withdrawal while a two-deep fork lives and releases it when the fork dies", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    ledgers.clear();
    await fund(f);
    const genesis = await f.rollups.read.genesisHash();
    const a1 = await sequence(f, genesis, [
      {
        account: bob.account.address,
        recipient: bob.account.address,
        kind: AssetKind.Eth,
        token: zeroAddress,
        amountOrId: parseEther("1"),
      },
    ]);
    // a competing sequencer builds a conflicting branch at genesis, two deep
    const b1 = await sequence(f, genesis, [], { enclave: 1, sibling: a1.hash });
    const b2 = await sequence(f, b1.hash, [], { enclave: 1, sibling: a1.hash });
    const a2 = await sequence(f, a1.hash, []);
    await networkHelpers.mine(TEST_ROLLUP_PARAMS.finalityDelay + 1);
    assert.equal((await f.rollups.read.forkStatus()).length, 1);
    const [w] = a1.withdrawals;
    const proof = buildWithdrawalTree(a1.withdrawals).proof(w!);
    await viem.assertions.revertWithCustomError(
      finalizeWithdrawal(relayer, {
        bridgeManagementAddress: f.bridge.address,
        header: a1.header,
        withdrawal: w!,
        proof,
      }),
      f.rollups,
      "RollupManagement_NotFinal",
    );
    // the contender stops, the canonical side goes on: once the contender is dead, the withdrawal is paid
    const b2At = BigInt((await f.rollups.read.rollup([b2.hash])).includedAt);
    const now = await publicClient.getBlockNumber();
    await networkHelpers.mine(Number(b2At + BigInt(TEST_ROLLUP_PARAMS.forkExpiry) - now));
    const a3 = await sequence(f, a2.hash, []);
    await waitFinal(f, a3.hash);
    const before = await publicClient.getBalance({ address: bob.account.address });
    await finalizeWithdrawal(relayer, {
      bridgeManagementAddress: f.bridge.address,
      header: a1.header,
      withdrawal: w!,
      proof,
    });
    assert.equal(await publicClient.getBalance({ address: bob.account.address }), before + parseEther("1"));
  });

  it("in exit mode pays every account exactly its balance and every late depositor its deposit", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    ledgers.clear();
    await fund(f);
    const genesis = await f.rollups.read.genesisHash();
    const r1 = await sequence(f, genesis, [
      {
        account: alice.account.address,
        recipient: carol.account.address,
        kind: AssetKind.Eth,
        token: zeroAddress,
        amountOrId: parseEther("1"),
      },
    ]);
    // deposits after the ledger the council will freeze on
    await depositEth(carol, {
      bridgeManagementAddress: f.bridge.address,
      to: alice.account.address,
      amount: parseEther("4"),
    });
    await depositEth(bob, {
      bridgeManagementAddress: f.bridge.address,
      to: bob.account.address,
      amount: parseEther("0.5"),
    });

    await f.bridge.write.freeze([r1.header], { account: council.account });
    assert.deepEqual((await f.bridge.read.frozenLedger()).rollupHash, r1.hash);

    // the pending withdrawal of the frozen rollup stays claimable
    const tree = buildWithdrawalTree(r1.withdrawals);
    await finalizeWithdrawal(relayer, {
      bridgeManagementAddress: f.bridge.address,
      header: r1.header,
      withdrawal: r1.withdrawals[0]!,
      proof: tree.proof(r1.withdrawals[0]!),
    });

    // every ledger entry exits, relayed by someone else
    const ledgerTree = buildLedgerTree(r1.ledger.leaves());
    const expected = new Map<string, bigint>();
    for (const leaf of r1.ledger.leaves()) {
      const before =
        leaf.kind === AssetKind.Eth
          ? await publicClient.getBalance({ address: leaf.account })
          : leaf.kind === AssetKind.Erc20
            ? await publicClient.readContract({
                address: leaf.token,
                abi: erc20Abi,
                functionName: "balanceOf",
                args: [leaf.account],
              })
            : 0n;
      expected.set(
        `${leaf.kind}:${leaf.token}:${leaf.account}`,
        before + (leaf.kind === AssetKind.Erc721 ? 0n : leaf.amountOrId),
      );
      await exitWithBalanceProof(relayer, {
        bridgeManagementAddress: f.bridge.address,
        leaf,
        proof: ledgerTree.proof(leaf),
      });
    }
    assert.equal(r1.ledger.leaves().length, 4, "alice ETH + ERC20 + ERC721, bob ETH");
    assert.equal(
      await publicClient.getBalance({ address: alice.account.address }),
      expected.get(`0:${zeroAddress}:${getAddress(alice.account.address)}`),
    );
    assert.equal(
      await publicClient.readContract({
        address: f.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [alice.account.address],
      }),
      1000n,
    );
    assert.equal(
      getAddress(
        await publicClient.readContract({ address: f.nft, abi: erc721Abi, functionName: "ownerOf", args: [7n] }),
      ),
      getAddress(alice.account.address),
    );

    // late deposits go back to whoever paid them
    const carolBefore = await publicClient.getBalance({ address: carol.account.address });
    const bobBefore = await publicClient.getBalance({ address: bob.account.address });
    for (const index of [4n, 5n]) {
      const proof = await getDepositRangeProof(publicClient, {
        bridgeManagementAddress: f.bridge.address,
        index,
        fromBlock: f.deployBlock,
      });
      await refundDeposit(relayer, { bridgeManagementAddress: f.bridge.address, index, proof });
    }
    assert.equal(await publicClient.getBalance({ address: carol.account.address }), carolBefore + parseEther("4"));
    assert.equal(await publicClient.getBalance({ address: bob.account.address }), bobBefore + parseEther("0.5"));

    // the vault is empty: everything was paid exactly once
    assert.equal(await publicClient.getBalance({ address: f.bridge.address }), 0n);
    assert.equal(
      await publicClient.readContract({
        address: f.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [f.bridge.address],
      }),
      0n,
    );
  });

  it("refunds late deposits from the frozen rollup's queue point once the checkpoint ring has wrapped", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    ledgers.clear();
    await fund(f);
    const r1 = await sequence(f, await f.rollups.read.genesisHash(), []);
    // 300 late deposits, each in its own L1 block: more deposit blocks than the ring keeps
    const late = 300n;
    for (let i = 0n; i < late; i++) {
      await depositEth(carol, {
        bridgeManagementAddress: f.bridge.address,
        to: carol.account.address,
        amount: 1000n + i,
      });
    }
    await f.bridge.write.freeze([r1.header], { account: council.account });
    assert.equal(await f.bridge.read.frozenDepositAcc(), r1.header.depositAcc);
    const first = r1.header.depositCount;
    assert.equal(await f.bridge.read.depositCheckpoint([1n]), zeroHash, "the early checkpoints are overwritten");

    const before = await publicClient.getBalance({ address: carol.account.address });
    const paid: bigint[] = [];
    for (const index of [first, first + late - 1n]) {
      const proof = await getDepositRangeProof(publicClient, {
        bridgeManagementAddress: f.bridge.address,
        index,
        fromBlock: f.deployBlock,
      });
      if (index === first) {
        // the oldest late deposit: only the frozen rollup's own point precedes it
        assert.equal(proof.start.kind, QueuePointKind.Frozen);
        assert.equal(proof.start.count, first);
        assert.equal(proof.start.acc, r1.header.depositAcc);
      } else {
        // the newest: a checkpoint still in the ring, a one-deposit range to the latest state
        assert.equal(proof.deposits.length, 1);
        assert.equal(proof.end.kind, QueuePointKind.Latest);
      }
      const hash = await refundDeposit(relayer, { bridgeManagementAddress: f.bridge.address, index, proof });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
      paid.push(1000n + index - first);
    }
    assert.equal(
      await publicClient.getBalance({ address: carol.account.address }),
      before + paid.reduce((a, b) => a + b, 0n),
    );
  });
});
