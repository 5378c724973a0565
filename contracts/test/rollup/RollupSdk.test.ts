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
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  buildRollupBlobs,
  computeCalldataDataHash,
  computeDepositAccumulator,
  depositEth,
  getDepositsConsumedAt,
  hashRollupHeader,
  isErrorWithCode,
  signRollupHeader,
  submitRollup,
  type AssetKind,
  type Deposit,
  type RollupHeader,
} from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { deployRollupModules } from "../helpers/rollupModules.ts";

/**
 * The SDK against the contracts on Hardhat's in-process network: the header hash, the deposit
 * accumulator, deposit checkpoint hints, and rollup submission in calldata and blob mode.
 */
/** EDR does not pass blob hashes to eth_estimateGas, so blob submissions carry a limit here. */
const BLOB_SUBMISSION_GAS = 1_000_000n;

describe("RollupManagement + BridgeManagement with the SDK", async () => {
  const { viem, networkHelpers, provider } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [rpcOperator, depositor, governance, council] = takeAccounts(await viem.getWalletClients(), 4);
  // The operator signs locally, as a real aggregator host does: blob transactions need it.
  const operator = createWalletClient({
    account: privateKeyToAccount(generatePrivateKey()),
    chain: publicClient.chain,
    transport: custom(provider),
  });
  const chainId = await publicClient.getChainId();
  const enclaveKey = generatePrivateKey();
  const enclaveId = privateKeyToAccount(enclaveKey).address;

  async function deploy() {
    await networkHelpers.setBalance(operator.account.address, parseEther("100"));
    const mockNetwork = await viem.deployContract("MockNetworkManagement");
    // Test contracts have no generated typings; give the one call a typed ABI.
    await rpcOperator.writeContract({
      address: mockNetwork.address,
      abi: parseAbi(["function setPublisher(address enclaveId, address operator, uint256 stake)"]),
      functionName: "setPublisher",
      args: [enclaveId, operator.account.address, parseEther("1000")],
    });
    const { bridge, rollups } = await deployRollupModules(
      viem,
      mockNetwork.address,
      governance.account.address,
      council.account.address,
    );
    return { mockNetwork, bridge, rollups };
  }

  /** A header on `parentHash` built on the previous L1 block, consuming what the bridge says. */
  async function buildHeader(
    bridge: `0x${string}`,
    rollups: `0x${string}`,
    parentHash: Hex,
    dataHash: Hex,
    l1Lag = 1n,
  ): Promise<{ header: RollupHeader; checkpoint: Awaited<ReturnType<typeof getDepositsConsumedAt>>["checkpoint"] }> {
    const latest = await publicClient.getBlockNumber();
    const l1BlockNumber = latest - l1Lag + 1n;
    const l1Block = await publicClient.getBlock({ blockNumber: l1BlockNumber });
    const consumed = await getDepositsConsumedAt(publicClient, { bridgeManagementAddress: bridge, l1BlockNumber });
    const parent = await publicClient.readContract({
      address: rollups,
      abi: (await viem.getContractAt("RollupManagement", rollups)).abi,
      functionName: "rollup",
      args: [parentHash],
    });
    const header: RollupHeader = {
      parentHash,
      number: parent.number + 1n,
      l1BlockNumber,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256("0x01"),
      withdrawalRoot: zeroHash,
      dataHash,
      keyEpoch: 0,
      keyCommitment: parent.number === 0n ? keccak256("0xe0") : zeroHash,
      enclaveId,
    };
    return { header, checkpoint: consumed.checkpoint };
  }

  it("hashes headers exactly as the contract does", async () => {
    const { rollups } = await networkHelpers.loadFixture(deploy);
    const header: RollupHeader = {
      parentHash: keccak256("0xaa"),
      number: 7n,
      l1BlockNumber: 123n,
      l1BlockHash: keccak256("0xbb"),
      depositCount: 3n,
      depositAcc: keccak256("0xcc"),
      stateRoot: keccak256("0xdd"),
      withdrawalRoot: keccak256("0xee"),
      dataHash: keccak256("0xff"),
      keyEpoch: 4,
      keyCommitment: keccak256("0x11"),
      enclaveId,
    };
    assert.equal(
      hashRollupHeader({ header, chainId, rollupManagement: rollups.address }),
      await rollups.read.hashHeader([header]),
    );
  });

  it("recomputes the deposit accumulator from DepositQueued events", async () => {
    const { bridge } = await networkHelpers.loadFixture(deploy);
    for (const amount of [1n, 2n, 3n]) {
      await depositEth(depositor, {
        bridgeManagementAddress: bridge.address,
        to: operator.account.address,
        amount: parseEther(amount.toString()),
      });
    }
    const events = await publicClient.getContractEvents({
      address: bridge.address,
      abi: bridge.abi,
      eventName: "DepositQueued",
      fromBlock: 0n,
      strict: true,
    });
    const deposits: Deposit[] = events.map(({ args }) => ({
      index: args.index,
      kind: args.kind as AssetKind,
      from: args.from,
      to: args.to,
      token: args.token,
      amountOrId: args.amountOrId,
    }));
    const [count, acc] = await bridge.read.depositQueue();
    assert.equal(count, 3n);
    assert.equal(computeDepositAccumulator(deposits), acc);
    assert.equal(deposits[0]?.token, zeroAddress);
    assert.equal(getAddress(deposits[0]!.from), getAddress(depositor.account.address));
  });

  it("refuses a deposit to the zero address before sending anything", async () => {
    const { bridge } = await networkHelpers.loadFixture(deploy);
    await assert.rejects(
      depositEth(depositor, { bridgeManagementAddress: bridge.address, to: zeroAddress, amount: 1n }),
      (error) => isErrorWithCode(error, "INVALID_DEPOSIT"),
    );
    assert.equal((await bridge.read.depositQueue())[0], 0n);
  });

  it("submits a calldata rollup that consumed deposits, using a checkpoint hint for an older L1 block", async () => {
    const { bridge, rollups } = await networkHelpers.loadFixture(deploy);
    await depositEth(depositor, {
      bridgeManagementAddress: bridge.address,
      to: operator.account.address,
      amount: parseEther("1"),
    });
    await networkHelpers.mine(3);
    // deposits after the L1 block the rollup is built on: the SDK must find the checkpoint
    await depositEth(depositor, {
      bridgeManagementAddress: bridge.address,
      to: operator.account.address,
      amount: parseEther("2"),
    });
    const payload = "0x00aabbccdd" as const;
    const { header, checkpoint } = await buildHeader(
      bridge.address,
      rollups.address,
      await rollups.read.genesisHash(),
      computeCalldataDataHash(payload),
      2n,
    );
    assert.equal(header.depositCount, 1n);
    assert.notEqual(checkpoint.untilBlock, 0n, "a checkpoint hint is needed");
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: rollups.address,
      enclavePrivateKey: enclaveKey,
    });
    const hash = await submitRollup(operator, {
      rollupManagementAddress: rollups.address,
      header,
      signature,
      data: { kind: "calldata", payload },
      depositCheckpoint: checkpoint,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    const [head] = await rollups.read.canonicalHead();
    assert.equal(head, rollupHash);
  });

  it("submits a rollup whose data travels in blobs and reads the versioned hashes back", async () => {
    const { bridge, rollups } = await networkHelpers.loadFixture(deploy);
    await networkHelpers.mine(1);
    const payload = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    payload[0] = 0;
    const blobs = buildRollupBlobs({ payload });
    assert.equal(blobs.blobs.length, 2);
    const { header } = await buildHeader(
      bridge.address,
      rollups.address,
      await rollups.read.genesisHash(),
      blobs.dataHash,
    );
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: rollups.address,
      enclavePrivateKey: enclaveKey,
    });
    const hash = await submitRollup(operator, {
      rollupManagementAddress: rollups.address,
      bridgeManagementAddress: bridge.address,
      header,
      signature,
      data: { kind: "blobs", blobs },
      gas: BLOB_SUBMISSION_GAS,
      simulate: false, // EDR's eth_call ignores blob hashes
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    const tx = await publicClient.getTransaction({ hash });
    assert.deepEqual(tx.blobVersionedHashes, blobs.versionedHashes);
    const [event] = await rollups.getEvents.RollupSubmitted({ rollupHash }, { fromBlock: receipt.blockNumber });
    assert.equal(event?.args.blobs, true);
    assert.equal(event?.args.header?.dataHash, blobs.dataHash);
  });

  it("refuses to send blobs from an account that signs on the node", async () => {
    const { bridge, rollups } = await networkHelpers.loadFixture(deploy);
    await networkHelpers.mine(1);
    const blobs = buildRollupBlobs({ payload: new Uint8Array([0, 1]) });
    const { header } = await buildHeader(
      bridge.address,
      rollups.address,
      await rollups.read.genesisHash(),
      blobs.dataHash,
    );
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: rollups.address,
      enclavePrivateKey: enclaveKey,
    });
    await assert.rejects(
      submitRollup(rpcOperator, {
        rollupManagementAddress: rollups.address,
        bridgeManagementAddress: bridge.address,
        header,
        signature,
        data: { kind: "blobs", blobs },
      }),
      (error) => isErrorWithCode(error, "BLOBS_NEED_LOCAL_ACCOUNT"),
    );
  });

  it("refuses a blob rollup whose dataHash does not match the blobs", async () => {
    const { bridge, rollups } = await networkHelpers.loadFixture(deploy);
    await networkHelpers.mine(1);
    const blobs = buildRollupBlobs({ payload: new Uint8Array([0, 1, 2, 3]) });
    const { header } = await buildHeader(
      bridge.address,
      rollups.address,
      await rollups.read.genesisHash(),
      keccak256("0x1234"),
    );
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: rollups.address,
      enclavePrivateKey: enclaveKey,
    });
    await viem.assertions.revertWithCustomError(
      submitRollup(operator, {
        rollupManagementAddress: rollups.address,
        bridgeManagementAddress: bridge.address,
        header,
        signature,
        data: { kind: "blobs", blobs },
        gas: BLOB_SUBMISSION_GAS,
        simulate: false, // EDR's eth_call ignores blob hashes: the mined transaction reverts
      }),
      rollups,
      "RollupManagement_DataHashMismatch",
    );
    assert.equal((await rollups.read.canonicalHead())[1], 0n);
  });
});
