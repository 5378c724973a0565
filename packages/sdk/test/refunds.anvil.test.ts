import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  bytesToHex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  http,
  keccak256,
  parseEther,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import {
  deployDevProtocol,
  foundDevNetwork,
  startAnvil,
  type FoundDevNetworkReturnType,
} from "../src/devtools/index.ts";
import {
  BridgeLedger,
  buildDepositRangeProof,
  buildLedgerTree,
  bridgeManagementAbi,
  computeCalldataDataHash,
  decodeProtocolRevert,
  defineObscuroL1Chain,
  deriveRollupEpochKey,
  encodeRollupPayload,
  isErrorWithCode,
  planRefundPoints,
  publicActionsObscuroL1,
  QueuePointKind,
  REFUND_POINT_INTERVAL,
  signRollupHeader,
  walletActionsObscuroL1,
  type DeploymentManifest,
  type RollupHeader,
} from "../src/index.ts";

/**
 * Issue 17 end to end on anvil: a long rollup outage followed by exit mode. The frozen rollup
 * consumed a handful of deposits; then more than 256 L1 blocks of deposits (10,200 of them) wrap
 * the bridge's checkpoint ring far past it. Refund points recorded in chunks walking back from the
 * queue's latest state make every one of those deposits refundable, each refund in a transaction
 * under the EIP-7825 gas cap and 128 KB of calldata, and the vault ends empty. On the way, a 1-wei
 * deposit landing in the same block ahead of a rollup no longer makes the rollup revert.
 */

const TX_GAS_CAP = 16_777_216n;
const CALLDATA_BUDGET = 128 * 1024;
const OUTAGE_BLOCKS = 300;
const DEPOSITS_PER_BLOCK = 34;
/** One ERC20 deposit every this many outage blocks (the rest are ETH). */
const ERC20_EVERY = 10;
const KEY_EPOCH = 0;

type Clients = ReturnType<typeof clientsOn>;

/** Decorated clients on the deployment's chain. */
function clientsOn(manifest: DeploymentManifest, rpcUrl: string, transport: ReturnType<typeof http>) {
  const chain = defineObscuroL1Chain({ manifest, chain: { ...foundry, id: manifest.chainId }, rpcUrl });
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 100 }).extend(publicActionsObscuroL1()),
    testClient: createTestClient({ chain, transport, mode: "anvil" }),
    wallet: (privateKey: Hex) =>
      createWalletClient({ account: privateKeyToAccount(privateKey), chain, transport, pollingInterval: 100 }).extend(
        walletActionsObscuroL1(),
      ),
  };
}

interface SentTransaction {
  hash: Hex;
  input: Hex;
}

describe("exit mode refunds every deposit after a long outage (issue 17)", () => {
  let anvil: Awaited<ReturnType<typeof startAnvil>>;
  let publicClient: Clients["publicClient"];
  let testClient: Clients["testClient"];
  let deployer: ReturnType<Clients["wallet"]>;
  let operator: ReturnType<Clients["wallet"]>;
  let manifest: DeploymentManifest;
  let founded: FoundDevNetworkReturnType;
  let bridge: Address;
  let token: Address;
  /** Accounts anvil unlocks: they send through `eth_sendTransaction`, many per block. */
  let depositors: Address[];
  let relayer: Address;
  let frozenHeader: RollupHeader;
  let ledger: BridgeLedger;
  /** What each depositor paid in after the frozen rollup's deposit point: what must come back. */
  const paid = new Map<Address, bigint>();
  const tokensPaid = new Map<Address, bigint>();

  before(async () => {
    anvil = await startAnvil({ accounts: 14 });
    const transport = http(anvil.rpcUrl, { batch: { batchSize: 50 } });
    const deployerAccount = privateKeyToAccount(anvil.accounts[0]!.privateKey);
    manifest = await deployDevProtocol(
      createWalletClient({ account: deployerAccount, chain: { ...foundry, id: anvil.chainId }, transport }),
      { governance: deployerAccount.address, council: deployerAccount.address },
    );
    const clients = clientsOn(manifest, anvil.rpcUrl, transport);
    ({ publicClient, testClient } = clients);
    [deployer, operator] = [
      clients.wallet(anvil.accounts[0]!.privateKey),
      clients.wallet(anvil.accounts[1]!.privateKey),
    ];
    relayer = anvil.accounts[2]!.address;
    depositors = anvil.accounts.slice(3).map((a) => a.address);
    bridge = manifest.contracts.BridgeManagement;
    token = manifest.contracts.ObscuroToken;
    founded = await foundDevNetwork(deployer, { operator: operator.account });
    // Depositors of the ERC20 (the protocol's own token is a plain ERC20) approve the bridge once.
    for (const depositor of depositors) {
      await mined(
        deployer.writeContract({
          address: token,
          abi: erc20Abi,
          functionName: "transfer",
          args: [depositor, parseEther("1000")],
        }),
      );
      await sendAll([
        {
          from: depositor,
          to: token,
          data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [bridge, parseEther("1000")] }),
        },
      ]);
    }
  });

  after(async () => anvil?.stop());

  async function mined(hash: Hex | Promise<Hex>) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash, timeout: 30_000 });
    assert.equal(receipt.status, "success", `transaction ${receipt.transactionHash} reverted`);
    return receipt;
  }

  /**
   * Sends calls from unlocked accounts in one block (automine off, then one `evm_mine`) and checks
   * every one succeeded within the gas cap and the calldata budget. Returns their receipts' gas.
   */
  async function sendAll(
    calls: readonly { from: Address; to: Address; data: Hex; value?: bigint; gas?: bigint }[],
  ): Promise<bigint[]> {
    await testClient.setAutomine(false);
    try {
      // Nonces assigned here: concurrent sends from one account would race for the same one.
      const senders = [...new Set(calls.map((c) => c.from))];
      const nonces = new Map(
        await Promise.all(
          senders.map(
            async (from) =>
              [from, await publicClient.getTransactionCount({ address: from, blockTag: "pending" })] as const,
          ),
        ),
      );
      const sent: SentTransaction[] = await Promise.all(
        calls.map(async (call) => {
          const nonce = nonces.get(call.from)!;
          nonces.set(call.from, nonce + 1);
          const hash = (await publicClient.request({
            method: "eth_sendTransaction" as never,
            params: [
              {
                from: call.from,
                to: call.to,
                data: call.data,
                value: `0x${(call.value ?? 0n).toString(16)}`,
                gas: `0x${(call.gas ?? 1_000_000n).toString(16)}`,
                nonce: `0x${nonce.toString(16)}`,
                maxFeePerGas: "0x4a817c800", // 20 gwei
                maxPriorityFeePerGas: "0x3b9aca00",
              },
            ] as never,
          })) as Hex;
          return { hash, input: call.data };
        }),
      );
      // Mine until every one is in (a batch may not fit one block's gas), at most ten blocks.
      for (let blocks = 0; ; blocks++) {
        await testClient.mine({ blocks: 1 });
        const { pending } = await testClient.getTxpoolStatus();
        if (pending === 0) break;
        assert.ok(blocks < 10, `${pending} transactions still pending after ten blocks`);
      }
      const receipts = await Promise.all(sent.map(({ hash }) => publicClient.getTransactionReceipt({ hash })));
      const reverted = receipts.findIndex((receipt) => receipt.status !== "success");
      if (reverted !== -1) {
        // Replay it on the block's parent state for the revert reason.
        const why = await publicClient
          .call({
            account: calls[reverted]!.from,
            to: calls[reverted]!.to,
            data: calls[reverted]!.data,
            value: calls[reverted]!.value,
            blockNumber: receipts[reverted]!.blockNumber - 1n,
          })
          .then(
            () => "no revert on replay",
            (error: Error) => error.message.split("\n")[0],
          );
        assert.fail(`transaction ${receipts[reverted]!.transactionHash} (call ${reverted}) reverted: ${why}`);
      }
      return receipts.map((receipt, i) => {
        assert.ok(receipt.gasUsed < TX_GAS_CAP, `${receipt.transactionHash} used ${receipt.gasUsed} gas`);
        assert.ok((sent[i]!.input.length - 2) / 2 < CALLDATA_BUDGET, `${receipt.transactionHash} calldata over 128 KB`);
        return receipt.gasUsed;
      });
    } finally {
      await testClient.setAutomine(true);
    }
  }

  it("lands a rollup whose hint predates a 1-wei deposit landing ahead of it in the same block", async () => {
    // Deposits the rollup will consume: ETH and the ERC20.
    await sendAll([
      { from: depositors[0]!, to: bridge, data: depositEthData(depositors[0]!), value: parseEther("1") },
      { from: depositors[1]!, to: bridge, data: depositEthData(depositors[5]!), value: parseEther("2") },
      { from: depositors[2]!, to: bridge, data: depositErc20Data(parseEther("7"), depositors[2]!) },
    ]);
    const l1Block = await publicClient.getBlock();
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    assert.equal(consumed.checkpoint.untilBlock, 0n, "no deposit after the rollup's block yet: a predicted hint");
    const deposits = await publicClient.getDeposits();
    ledger = new BridgeLedger().applyDeposits(deposits);
    const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: KEY_EPOCH });
    const rollupManagement = manifest.contracts.RollupManagement;
    const payload = bytesToHex(
      encodeRollupPayload({
        chainId: anvil.chainId,
        rollupContract: rollupManagement,
        keyEpoch: KEY_EPOCH,
        transactions: [],
        epochKey,
      }),
    );
    frozenHeader = {
      parentHash: (await publicClient.getCanonicalHead()).hash, // the genesis rollup
      number: 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: buildLedgerTree(ledger.leaves()).root,
      withdrawalRoot: `0x${"00".repeat(32)}`,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: KEY_EPOCH,
      keyCommitment: keccak256(epochKey),
      enclaveId: founded.enclave.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header: frozenHeader,
      chainId: anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    await testClient.setAutomine(false);
    let rollupHash: Hex;
    let depositHash: Hex;
    try {
      // The deposit pays a higher tip, so the block puts it first.
      depositHash = (await publicClient.request({
        method: "eth_sendTransaction" as never,
        params: [
          {
            from: depositors[3]!,
            to: bridge,
            data: depositEthData(depositors[3]!),
            value: "0x1",
            gas: "0x30d40",
            maxFeePerGas: "0xba43b7400",
            maxPriorityFeePerGas: "0x9502f9000",
          },
        ] as never,
      })) as Hex;
      rollupHash = await operator.submitRollup({
        header: frozenHeader,
        signature,
        data: { kind: "calldata", payload },
        depositCheckpoint: consumed.checkpoint,
        gas: 1_000_000n,
        simulate: false,
      });
      await testClient.mine({ blocks: 1 });
    } finally {
      await testClient.setAutomine(true);
    }
    paid.set(depositors[3]!, 1n); // the 1-wei deposit is after the rollup's point: refundable
    const [deposit, rollup] = await Promise.all([
      publicClient.getTransactionReceipt({ hash: depositHash }),
      publicClient.getTransactionReceipt({ hash: rollupHash }),
    ]);
    assert.equal(deposit.blockNumber, rollup.blockNumber, "same L1 block");
    assert.ok(deposit.transactionIndex < rollup.transactionIndex, "the deposit landed first");
    assert.equal(rollup.status, "success");
    // Without the prediction the hint would have been all zero, which that deposit defeats:
    const refusal = await publicClient
      .readContract({
        address: bridge,
        abi: bridgeManagementAbi,
        functionName: "checkDepositsConsumed",
        args: [
          frozenHeader.l1BlockNumber,
          frozenHeader.depositCount,
          frozenHeader.depositAcc,
          { seq: 0n, fromBlock: 0n, untilBlock: 0n },
        ],
      })
      .then(
        () => undefined,
        (error: unknown) => decodeProtocolRevert(error)?.errorName,
      );
    assert.equal(refusal, "BridgeManagement_CheckpointOutOfRange");
  });

  it(`refunds all ${OUTAGE_BLOCKS * DEPOSITS_PER_BLOCK} deposits of a ${OUTAGE_BLOCKS}-block outage, each within a transaction's limits`, async () => {
    // The outage: a deposit block after another, far more than the ring's 256.
    for (let b = 0; b < OUTAGE_BLOCKS; b++) {
      const calls = Array.from({ length: DEPOSITS_PER_BLOCK }, (_, i) => {
        const from = depositors[(b * DEPOSITS_PER_BLOCK + i) % depositors.length]!;
        if (i === 0 && b % ERC20_EVERY === 0) {
          const amount = 1000n + BigInt(b);
          tokensPaid.set(from, (tokensPaid.get(from) ?? 0n) + amount);
          return { from, to: bridge, data: depositErc20Data(amount, from), gas: 200_000n };
        }
        const value = 1_000_000n + BigInt(b * DEPOSITS_PER_BLOCK + i);
        paid.set(from, (paid.get(from) ?? 0n) + value);
        return { from, to: bridge, data: depositEthData(from), value, gas: 200_000n };
      });
      await sendAll(calls);
    }
    // The deployer is the council here.
    await mined(deployer.freezeBridge({ header: frozenHeader }));

    let queue = await publicClient.readDepositQueue();
    const late = queue.count - frozenHeader.depositCount;
    assert.ok(late >= 10_000n, `${late} deposits in the gap`);
    assert.ok(
      queue.checkpoints[0]!.count > frozenHeader.depositCount + 1000n,
      "the ring wrapped far past the frozen rollup",
    );
    assert.equal(queue.frozen?.kind, QueuePointKind.Frozen);

    // The frozen ledger's accounts exit with balance proofs.
    const tree = buildLedgerTree(ledger.leaves());
    for (const leaf of ledger.leaves()) {
      await mined(deployer.exitWithBalanceProof({ leaf, proof: tree.proof(leaf) }));
    }

    // A keeper records refund points, walking back from the latest state.
    const chunks = planRefundPoints(queue);
    assert.ok(chunks.length >= 19, `${chunks.length} chunks`);
    for (const chunk of chunks) {
      const receipt = await mined(deployer.recordRefundPoints({ chunk }));
      const { input } = await publicClient.getTransaction({ hash: receipt.transactionHash });
      assert.ok(receipt.gasUsed < TX_GAS_CAP, `recordRefundPoints used ${receipt.gasUsed} gas`);
      assert.ok((input.length - 2) / 2 < CALLDATA_BUDGET, `recordRefundPoints sent ${(input.length - 2) / 2} bytes`);
    }
    queue = await publicClient.readDepositQueue();
    assert.deepEqual(planRefundPoints(queue), [], "nothing left to record");

    // Every late deposit goes back to whoever paid it, with at most one interval per proof.
    const ethBefore = new Map(
      await Promise.all(depositors.map(async (d) => [d, await publicClient.getBalance({ address: d })] as const)),
    );
    const tokenBefore = new Map(
      await Promise.all(depositors.map(async (d) => [d, await readTokenBalance(d)] as const)),
    );
    let longest = 0;
    const indices = Array.from({ length: Number(late) }, (_, i) => frozenHeader.depositCount + BigInt(i));
    for (let i = 0; i < indices.length; i += 200) {
      const calls = indices.slice(i, i + 200).map((index) => {
        const proof = buildDepositRangeProof(queue, index);
        longest = Math.max(longest, proof.deposits.length);
        return {
          from: relayer,
          to: bridge,
          data: encodeFunctionData({ abi: bridgeManagementAbi, functionName: "refundDeposit", args: [index, proof] }),
          gas: 400_000n,
        };
      });
      await sendAll(calls);
    }
    assert.ok(BigInt(longest) <= REFUND_POINT_INTERVAL, `a proof carried ${longest} deposits`);
    for (const depositor of depositors) {
      assert.equal(
        await publicClient.getBalance({ address: depositor }),
        ethBefore.get(depositor)! + (paid.get(depositor) ?? 0n),
        `ETH of ${depositor}`,
      );
      assert.equal(
        await readTokenBalance(depositor),
        tokenBefore.get(depositor)! + (tokensPaid.get(depositor) ?? 0n),
        `tokens of ${depositor}`,
      );
    }
    // Nothing is left in the vault, and nothing pays twice.
    assert.equal(await publicClient.getBalance({ address: bridge }), 0n);
    assert.equal(await readTokenBalance(bridge), 0n);
    const again = buildDepositRangeProof(queue, indices.at(-1)!);
    await assert.rejects(
      deployer.refundDeposit({ index: indices.at(-1)!, proof: again }),
      (error) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "BridgeManagement_AlreadyRefunded",
    );
  });

  function depositEthData(to: Address): Hex {
    return encodeFunctionData({ abi: bridgeManagementAbi, functionName: "depositETH", args: [to] });
  }

  function depositErc20Data(amount: bigint, to: Address): Hex {
    return encodeFunctionData({ abi: bridgeManagementAbi, functionName: "depositERC20", args: [token, amount, to] });
  }

  async function readTokenBalance(account: Address): Promise<bigint> {
    return publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
  }
});
