import {
  bridgeManagementAbi,
  buildRollupBlobs,
  computeCalldataDataHash,
  hashRollupHeader,
  rollupManagementAbi,
  signRollupHeader,
  type RollupData,
  type RollupHeader,
} from "@obscuro/sdk";
import { keccak256, parseEther, toHex, zeroHash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasContext, GasScenario } from "../types.ts";
import { founded, fundAndApprove, GENESIS_KEY, HOST, MAX_TRIES, STAKE, wait, zeroFree } from "./network.ts";
import { protocolWallet } from "./protocol.ts";

/*
 * Rollup submissions are measured as `execution`: the gas beyond the 21,000 base and the calldata,
 * i.e. what the contract itself costs, whatever the payload. The publisher is the staked genesis
 * aggregator (operator wallets[1]); checks run in their real places (NetworkManagement,
 * EnclavePolicy, BridgeManagement behind their proxies).
 */

const PAYLOAD = "0x00c0ffeec0ffeec0ffee" as const;
const EPOCH_KEY_COMMITMENT = keccak256(toHex("obscuro/gas/epoch-key/0"));

/** The founded network with the genesis enclave staked as an aggregator. */
export async function stakedPublisher(context: GasContext): Promise<void> {
  await founded(context);
  await fundAndApprove(context);
  await wait(
    context,
    protocolWallet(context, 1).registerAggregator({
      enclaveId: privateKeyToAccount(GENESIS_KEY).address,
      hostAddress: HOST,
      amount: STAKE,
    }),
  );
}

export interface RollupToSubmit {
  parentHash: Hex;
  number: bigint;
  /** The first rollup of an epoch commits to its key. */
  keyCommitment?: Hex;
  withdrawalRoot?: Hex;
  stateRoot?: Hex;
  data?: RollupData;
  dataHash?: Hex;
}

/**
 * Builds, signs and sends a rollup on the latest L1 block, consuming every deposit queued so far.
 * Grinds the state root until the L1 block hash, state root and signature have no zero byte, so
 * that the transaction's total is the same on every run too.
 */
export async function sendRollup(
  context: GasContext,
  rollup: RollupToSubmit,
): Promise<{ transaction: Hex; header: RollupHeader; rollupHash: Hex }> {
  const { manifest, publicClient, testClient } = context;
  const rollupManagement = manifest.contracts.RollupManagement;
  await testClient.mine({ blocks: 1 });
  let block = await publicClient.getBlock();
  for (let i = 0; i < MAX_TRIES && !zeroFree(block.hash); i++) {
    await testClient.mine({ blocks: 1 });
    block = await publicClient.getBlock();
  }
  const [depositCount, depositAcc] = await publicClient.readContract({
    address: manifest.contracts.BridgeManagement,
    abi: bridgeManagementAbi,
    functionName: "depositQueue",
  });
  const data = rollup.data ?? { kind: "calldata", payload: PAYLOAD };
  for (let i = 0; i < MAX_TRIES; i++) {
    const header: RollupHeader = {
      parentHash: rollup.parentHash,
      number: rollup.number,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
      depositCount,
      depositAcc,
      stateRoot: rollup.stateRoot ?? keccak256(toHex(`obscuro/gas/state/${rollup.number}/${i}`)),
      withdrawalRoot: rollup.withdrawalRoot ?? zeroHash,
      dataHash:
        rollup.dataHash ?? (data.kind === "calldata" ? computeCalldataDataHash(data.payload) : data.blobs.dataHash),
      keyEpoch: 0,
      keyCommitment: rollup.keyCommitment ?? zeroHash,
      enclaveId: privateKeyToAccount(GENESIS_KEY).address,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId: manifest.chainId,
      rollupManagement,
      enclavePrivateKey: GENESIS_KEY,
    });
    if (rollup.stateRoot === undefined && !zeroFree(header.stateRoot, signature)) continue;
    const transaction = await protocolWallet(context, 1).submitRollup({
      header,
      signature,
      data,
      // anvil's estimate is fine, but blob transactions are sent with a fixed limit everywhere.
      ...(data.kind === "blobs" ? { gas: 500_000n } : {}),
    });
    return {
      transaction,
      header,
      rollupHash: hashRollupHeader({ header, chainId: manifest.chainId, rollupManagement }),
    };
  }
  throw new Error("no zero-free rollup");
}

/** The first rollup after genesis, on chain. */
export async function firstRollup(context: GasContext): Promise<{ header: RollupHeader; rollupHash: Hex }> {
  const genesis = await context.publicClient.readContract({
    address: context.manifest.contracts.RollupManagement,
    abi: rollupManagementAbi,
    functionName: "genesisHash",
  });
  const first = await sendRollup(context, { parentHash: genesis, number: 1n, keyCommitment: EPOCH_KEY_COMMITMENT });
  await wait(context, first.transaction);
  return first;
}

/** A deposit from wallets[2], so that the next rollup consumes one. */
async function oneDeposit(context: GasContext): Promise<void> {
  await wait(
    context,
    protocolWallet(context, 2).depositEth({ to: context.wallets[2]!.account.address, amount: parseEther("1") }),
  );
}

export const rollupScenarios: GasScenario[] = [
  {
    // The first rollup of a key epoch also records the epoch key commitment (two new slots).
    name: "RollupManagement.submitRollup_firstOfEpoch",
    measure: "execution",
    run: async (context) => {
      await stakedPublisher(context);
      const genesis = await context.publicClient.readContract({
        address: context.manifest.contracts.RollupManagement,
        abi: rollupManagementAbi,
        functionName: "genesisHash",
      });
      const { transaction } = await sendRollup(context, {
        parentHash: genesis,
        number: 1n,
        keyCommitment: EPOCH_KEY_COMMITMENT,
      });
      return transaction;
    },
  },
  {
    // The common case: the next rollup of the epoch extends the canonical tip and consumes a
    // deposit; data in calldata.
    name: "RollupManagement.submitRollup",
    measure: "execution",
    run: async (context) => {
      await stakedPublisher(context);
      const first = await firstRollup(context);
      await oneDeposit(context);
      const { transaction } = await sendRollup(context, { parentHash: first.rollupHash, number: 2n });
      return transaction;
    },
  },
  {
    // The same with the data in one EIP-4844 blob (`dataHash` from `blobhash`).
    name: "RollupManagement.submitRollup_blob",
    measure: "execution",
    run: async (context) => {
      await stakedPublisher(context);
      const first = await firstRollup(context);
      await oneDeposit(context);
      const payload = new Uint8Array(4096).map((_, i) => (i * 7) % 251);
      const blobs = buildRollupBlobs({ payload });
      const { transaction } = await sendRollup(context, {
        parentHash: first.rollupHash,
        number: 2n,
        data: { kind: "blobs", blobs },
      });
      return transaction;
    },
  },
];
