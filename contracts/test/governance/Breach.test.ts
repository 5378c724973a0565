import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  bytesToHex,
  createWalletClient,
  custom,
  decodeFunctionData,
  parseAbi,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  AssetKind,
  BridgeLedger,
  buildLedgerTree,
  computeCalldataDataHash,
  computeKeyCommitment,
  decodeRollupPayload,
  depositEth,
  deriveRollupEpochKey,
  encodeRollupPayload,
  exitWithBalanceProof,
  generateMasterSecret,
  getDeposits,
  rollupManagementAbi,
  signRollupHeader,
  submitRollup,
  type RollupHeader,
} from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { deployRollupModules } from "../helpers/rollupModules.ts";

/**
 * A breach, end to end: rollups carry transactions encrypted under the epoch key; the council
 * declares a breach; the key is disclosed at once and anyone decrypts a rollup straight from its
 * L1 calldata; the council freezes the ledger and every account exits with its balance.
 */
describe("a breach: declare, disclose, decrypt, freeze, exit", async () => {
  const { viem, networkHelpers, provider } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [admin, alice, bob, council, governance, anyone] = takeAccounts(await viem.getWalletClients(), 6);
  const chainId = await publicClient.getChainId();
  const enclaveKey = generatePrivateKey();
  const enclaveId = privateKeyToAccount(enclaveKey).address;
  const operator = createWalletClient({
    account: privateKeyToAccount(generatePrivateKey()),
    chain: publicClient.chain,
    transport: custom(provider),
  });
  const masterSecret = generateMasterSecret();

  it("lets anyone read the breached rollups and everyone leave with their assets", async () => {
    await networkHelpers.setBalance(operator.account.address, parseEther("10"));
    const mockNetwork = await viem.deployContract("MockNetworkManagement");
    await admin.writeContract({
      address: mockNetwork.address,
      abi: parseAbi(["function setPublisher(address, address, uint256)"]),
      functionName: "setPublisher",
      args: [enclaveId, operator.account.address, parseEther("1000")],
    });
    const { bridge, rollups } = await deployRollupModules(
      viem,
      mockNetwork.address,
      governance.account.address,
      council.account.address,
    );
    const deployBlock = await publicClient.getBlockNumber();
    await depositEth(alice, {
      bridgeManagementAddress: bridge.address,
      to: alice.account.address,
      amount: parseEther("3"),
    });
    await depositEth(bob, {
      bridgeManagementAddress: bridge.address,
      to: bob.account.address,
      amount: parseEther("1"),
    });

    // The sequencer: epoch 0, transactions encrypted under the epoch key, committed in the header.
    const keyEpoch = 0;
    const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch });
    const transactions = [toHex("alice pays bob 1 ETH on L2"), toHex("bob calls a confidential contract")];
    const payload = bytesToHex(
      encodeRollupPayload({ transactions, epochKey, chainId, rollupContract: rollups.address, keyEpoch }),
    );
    await networkHelpers.mine(1);
    const l1BlockNumber = (await publicClient.getBlockNumber()) - 1n;
    const deposits = await getDeposits(publicClient, {
      bridgeManagementAddress: bridge.address,
      fromBlock: deployBlock,
      toBlock: l1BlockNumber,
    });
    const ledger = new BridgeLedger().applyDeposits(deposits);
    const [depositCount, depositAcc] = await bridge.read.depositQueue();
    const header: RollupHeader = {
      parentHash: await rollups.read.genesisHash(),
      number: 1n,
      l1BlockNumber,
      l1BlockHash: (await publicClient.getBlock({ blockNumber: l1BlockNumber })).hash,
      depositCount,
      depositAcc,
      stateRoot: buildLedgerTree(ledger.leaves()).root,
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch,
      keyCommitment: computeKeyCommitment(epochKey),
      enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement: rollups.address,
      enclavePrivateKey: enclaveKey,
    });
    const submission = await submitRollup(operator, {
      rollupManagementAddress: rollups.address,
      bridgeManagementAddress: bridge.address,
      header,
      signature,
      data: { kind: "calldata", payload },
    });

    // Before a breach, the key stays secret for the disclosure delay.
    await viem.assertions.revertWithCustomError(
      rollups.write.discloseKey([keyEpoch, epochKey], { account: anyone.account }),
      rollups,
      "RollupManagement_DisclosureNotAllowedYet",
    );

    // The council declares a breach; enclaves (here: anyone holding the key) disclose it at once.
    await rollups.write.declareBreach({ account: council.account });
    await rollups.write.discloseKey([keyEpoch, epochKey], { account: anyone.account });
    const disclosed = await rollups.read.disclosedKey([keyEpoch]);
    assert.equal(disclosed, epochKey);

    // An independent observer: the payload from the L1 transaction, the key from L1 state.
    const tx = await publicClient.getTransaction({ hash: submission });
    const { args } = decodeFunctionData({ abi: rollupManagementAbi, data: tx.input });
    const [onChainHeader, , onChainPayload] = args as [RollupHeader, Hex, Hex, unknown];
    const decrypted = decodeRollupPayload({
      payload: onChainPayload,
      epochKey: disclosed,
      chainId,
      rollupContract: rollups.address,
      keyEpoch: onChainHeader.keyEpoch,
    });
    assert.deepEqual(
      decrypted.map((t) => bytesToHex(t)),
      transactions,
    );

    // The council freezes the ledger on that rollup; everyone exits with exactly their balance.
    await bridge.write.freeze([header], { account: council.account });
    const tree = buildLedgerTree(ledger.leaves());
    const before = {
      alice: await publicClient.getBalance({ address: alice.account.address }),
      bob: await publicClient.getBalance({ address: bob.account.address }),
    };
    for (const leaf of ledger.leaves()) {
      await exitWithBalanceProof(anyone, { bridgeManagementAddress: bridge.address, leaf, proof: tree.proof(leaf) });
    }
    assert.equal(await publicClient.getBalance({ address: alice.account.address }), before.alice + parseEther("3"));
    assert.equal(await publicClient.getBalance({ address: bob.account.address }), before.bob + parseEther("1"));
    assert.equal(await publicClient.getBalance({ address: bridge.address }), 0n);
    assert.equal(ledger.balanceOf(alice.account.address, AssetKind.Eth, zeroAddress), parseEther("3"));
  });
});
