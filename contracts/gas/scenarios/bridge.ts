import {
  AssetKind,
  bridgeManagementAbi,
  buildDepositRangeProof,
  buildLedgerTree,
  buildWithdrawalTree,
  obscuroTokenAbi,
  planRefundPoints,
  type BalanceLeaf,
  type LeafTree,
  type Withdrawal,
} from "@obscuro/sdk";
import {
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import type { GasContext, GasScenario } from "../types.ts";
import { wait } from "./network.ts";
import { protocolReader, protocolWallet } from "./protocol.ts";
import { firstRollup, sendRollup, stakedPublisher } from "./rollup.ts";

/*
 * Deposits are measured in their common case: the bridge already holds deposits (of the same
 * token) from earlier L1 blocks. Withdrawals and exits are measured with a 16-deep proof (trees
 * of 2^16 leaves), paying an account that already exists, as most recipients do.
 */

const TREE_SIZE = 2 ** 16;
const AMOUNT = parseEther("0.5");

/** A distinct, deterministic address for filler leaf `i`. */
function filler(i: number): Address {
  return getAddress(keccak256(toHex(`obscuro/gas/account/${i}`)).slice(0, 42));
}

let withdrawalTree: { tree: LeafTree<Withdrawal>; withdrawals: Withdrawal[]; recipient: Address } | undefined;
/** 2^16 ETH withdrawals; withdrawals 0 and 1 pay `recipient`. Built once (a few seconds). */
function withdrawals(recipient: Address) {
  if (withdrawalTree?.recipient !== recipient) {
    const list: Withdrawal[] = Array.from({ length: TREE_SIZE }, (_, i) => ({
      id: BigInt(i),
      recipient: i < 2 ? recipient : filler(i),
      kind: AssetKind.Eth,
      token: zeroAddress,
      amountOrId: AMOUNT,
    }));
    withdrawalTree = { tree: buildWithdrawalTree(list), withdrawals: list, recipient };
  }
  return withdrawalTree;
}

let ledgerTree: { tree: LeafTree<BalanceLeaf>; leaf: BalanceLeaf } | undefined;
/** A frozen ledger of 2^16 ETH balances; the first is `account`'s. Built once. */
function ledger(account: Address) {
  if (ledgerTree?.leaf.account !== account) {
    const leaves: BalanceLeaf[] = Array.from({ length: TREE_SIZE }, (_, i) => ({
      account: i === 0 ? account : filler(i),
      kind: AssetKind.Eth,
      token: zeroAddress,
      amountOrId: AMOUNT,
    }));
    ledgerTree = { tree: buildLedgerTree(leaves), leaf: leaves[0]! };
  }
  return ledgerTree;
}

function depositEthFrom(context: GasContext, wallet: number, amount = parseEther("1")): Promise<Hex> {
  return protocolWallet(context, wallet).depositEth({ to: context.wallets[wallet]!.account.address, amount });
}

/** wallets[2] receives OBX from the treasury and approves the bridge. */
async function fundErc20(context: GasContext): Promise<void> {
  const token = context.manifest.contracts.ObscuroToken;
  await wait(
    context,
    context.wallets[0]!.writeContract({
      address: token,
      abi: obscuroTokenAbi,
      functionName: "transfer",
      args: [context.wallets[2]!.account.address, parseEther("1000")],
    }),
  );
  await wait(
    context,
    context.wallets[2]!.writeContract({
      address: token,
      abi: obscuroTokenAbi,
      functionName: "approve",
      args: [context.manifest.contracts.BridgeManagement, parseEther("1000")],
    }),
  );
}

function depositErc20From(context: GasContext): Promise<Hex> {
  return protocolWallet(context, 2).depositErc20({
    token: context.manifest.contracts.ObscuroToken,
    to: context.wallets[2]!.account.address,
    amount: parseEther("10"),
  });
}

/** A final rollup whose withdrawal root holds the 2^16 withdrawals; the bridge holds the ETH. */
async function finalWithdrawalRollup(context: GasContext) {
  await stakedPublisher(context);
  await wait(context, depositEthFrom(context, 2));
  const recipient = context.wallets[3]!.account.address;
  const { tree, withdrawals: list } = withdrawals(recipient);
  const genesis = await context.publicClient.readContract({
    address: context.manifest.contracts.RollupManagement,
    abi: [
      { type: "function", name: "genesisHash", inputs: [], outputs: [{ type: "bytes32" }], stateMutability: "view" },
    ],
    functionName: "genesisHash",
  });
  const rollup = await sendRollup(context, {
    parentHash: genesis,
    number: 1n,
    keyCommitment: keccak256(toHex("obscuro/gas/epoch-key/0")),
    withdrawalRoot: tree.root,
  });
  await wait(context, rollup.transaction);
  await context.testClient.mine({ blocks: context.manifest.settings.rollup.finalityDelay + 1 });
  return { header: rollup.header, tree, list };
}

/** Refund points: a full chunk, so the measured call is the one a keeper repeats. */
const REFUND_CHUNK = 512n;

/**
 * `count` ETH deposits of 1 gwei from wallets[5], sent at once and mined together (setup only:
 * thousands of one-by-one deposits would take minutes).
 */
async function depositMany(context: GasContext, count: number): Promise<void> {
  const { testClient, publicClient } = context;
  const wallet = context.wallets[5]!;
  const bridge = context.manifest.contracts.BridgeManagement;
  const data = encodeFunctionData({
    abi: bridgeManagementAbi,
    functionName: "depositETH",
    args: [wallet.account.address],
  });
  const first = await publicClient.getTransactionCount({ address: wallet.account.address });
  await testClient.setAutomine(false);
  try {
    const hashes = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        wallet.sendTransaction({ to: bridge, data, value: 1_000_000_000n, gas: 100_000n, nonce: first + i }),
      ),
    );
    await testClient.mine({ blocks: Math.ceil((count * 60_000) / 30_000_000) + 1 });
    await Promise.all(hashes.map((hash) => wait(context, hash)));
  } finally {
    await testClient.setAutomine(true);
  }
}

/**
 * Exit mode after an outage: a first rollup consumed one deposit, then `late` deposits arrived,
 * and the council froze the bridge on that rollup.
 */
async function frozenAfterOutage(context: GasContext, late: number) {
  await stakedPublisher(context);
  await wait(context, depositEthFrom(context, 2));
  const first = await firstRollup(context);
  await depositMany(context, late);
  await wait(
    context,
    context.wallets[0]!.writeContract({
      address: context.manifest.contracts.BridgeManagement,
      abi: bridgeManagementAbi,
      functionName: "freeze",
      args: [first.header],
    }),
  );
  return protocolReader(context).readDepositQueue();
}

export const bridgeScenarios: GasScenario[] = [
  {
    // The first deposit of an L1 block: it also writes the previous block's checkpoint, into a
    // ring slot the bridge filled at initialization (5,000 gas instead of 22,100 for a new slot).
    name: "BridgeManagement.depositETH",
    budget: 50_000n,
    run: async (context) => {
      await wait(context, depositEthFrom(context, 3));
      return depositEthFrom(context, 2);
    },
  },
  {
    // The first deposit of an L1 block also closes the previous block's checkpoint; a second
    // deposit in the same block does not.
    name: "BridgeManagement.depositETH_sameBlock",
    budget: 50_000n,
    run: async (context) => {
      await wait(context, depositEthFrom(context, 3));
      await context.testClient.setAutomine(false);
      try {
        await depositEthFrom(context, 4);
        const measured = await depositEthFrom(context, 2);
        await context.testClient.mine({ blocks: 1 });
        return measured;
      } finally {
        await context.testClient.setAutomine(true);
      }
    },
  },
  {
    // The first deposit of an L1 block (a checkpoint written), of a token the bridge already holds:
    // the balance check reads a non-zero balance.
    name: "BridgeManagement.depositERC20",
    budget: 80_000n,
    run: async (context) => {
      await fundErc20(context);
      await wait(context, depositErc20From(context));
      return depositErc20From(context);
    },
  },
  {
    // A 16-deep proof; the spent bitmap's word already holds an earlier withdrawal.
    name: "BridgeManagement.finalizeWithdrawal",
    run: async (context) => {
      const { header, tree, list } = await finalWithdrawalRollup(context);
      const relayer = protocolWallet(context, 4);
      await wait(context, relayer.finalizeWithdrawal({ header, withdrawal: list[0]!, proof: tree.proof(list[0]!) }));
      return relayer.finalizeWithdrawal({
        header,
        withdrawal: list[1]!,
        proof: tree.proof(list[1]!),
      });
    },
  },
  {
    // Exit mode on a frozen ledger of 2^16 balances: a 16-deep proof, a new exit record.
    name: "BridgeManagement.exitWithBalanceProof",
    run: async (context) => {
      await stakedPublisher(context);
      await wait(context, depositEthFrom(context, 2));
      const account = context.wallets[3]!.account.address;
      const { tree, leaf } = ledger(account);
      const first = await firstRollup(context);
      const frozen = await sendRollup(context, { parentHash: first.rollupHash, number: 2n, stateRoot: tree.root });
      await wait(context, frozen.transaction);
      // The deployer is the council on the gas deployment.
      await wait(
        context,
        context.wallets[0]!.writeContract({
          address: context.manifest.contracts.BridgeManagement,
          abi: bridgeManagementAbi,
          functionName: "freeze",
          args: [frozen.header],
        }),
      );
      return protocolWallet(context, 4).exitWithBalanceProof({ leaf, proof: tree.proof(leaf) });
    },
  },
  {
    // A keeper's chunk after a freeze: 512 deposits chained to the queue's latest state, the
    // accumulator stored at the chunk's start and every 32 deposits (16 new slots).
    name: "BridgeManagement.recordRefundPoints",
    run: async (context) => {
      const queue = await frozenAfterOutage(context, Number(REFUND_CHUNK * 2n) - 1);
      const [chunk] = planRefundPoints(queue, { chunkSize: REFUND_CHUNK });
      if (chunk?.deposits.length !== Number(REFUND_CHUNK)) throw new Error("expected a full first chunk");
      return protocolWallet(context, 4).recordRefundPoints({ chunk });
    },
  },
  {
    // The longest refund once points are recorded: 32 deposits between two recorded points.
    name: "BridgeManagement.refundDeposit_fromRecordedPoint",
    run: async (context) => {
      const keeper = protocolWallet(context, 4);
      let queue = await frozenAfterOutage(context, Number(REFUND_CHUNK) - 1);
      for (const chunk of planRefundPoints(queue, { chunkSize: REFUND_CHUNK })) {
        await wait(context, keeper.recordRefundPoints({ chunk }));
      }
      queue = await protocolReader(context).readDepositQueue();
      const proof = buildDepositRangeProof(queue, 64n);
      if (proof.deposits.length !== 32) throw new Error(`expected a 32-deposit proof, got ${proof.deposits.length}`);
      return keeper.refundDeposit({ index: 64n, proof });
    },
  },
];
