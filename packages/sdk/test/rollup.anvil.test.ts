import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  BaseError as ViemBaseError,
  bytesToHex,
  concat,
  decodeErrorResult,
  decodeFunctionData,
  encodeFunctionData,
  getAddress,
  hexToBytes,
  isHex,
  keccak256,
  parseEther,
  parseEventLogs,
  parseGwei,
  parseTransaction,
  recoverTransactionAddress,
  toHex,
  zeroHash,
  type Address,
  type Hex,
  type TransactionSerialized,
} from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import {
  DEV_ENCLAVE_MEASUREMENT,
  DevNetworkFoundingError,
  foundDevNetwork,
  type FoundDevNetworkReturnType,
} from "../src/devtools/index.ts";
import {
  assertBlobVersionedHashes,
  buildRollupBlobs,
  computeCalldataDataHash,
  computeDepositAccumulator,
  ContractCallRevertedError,
  decodeBlobs,
  decodeRollupPayload,
  deriveRollupEpochKey,
  encodeRollupPayload,
  getKzg,
  isErrorWithCode,
  NodeStatus,
  rollupManagementAbi,
  signRollupHeader,
  type RollupHeader,
} from "../src/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

/**
 * Issue 5 end to end on a real L1 node: the protocol deployed by `deployProtocol` on anvil and
 * founded by `foundDevNetwork` (dev attestation, genesis node, master secret, staked aggregator);
 * deposits through the bridge; an encrypted rollup of signed L2 transactions submitted by the
 * genesis aggregator to `RollupManagement.submitRollup` in EIP-4844 blobs (viem + c-kzg), then one
 * in calldata on top of it; the data read back from anvil, checked against the versioned hashes,
 * decrypted and compared with what was sent; and blobs that are not the header's data refused.
 */

/** The L2's chain id in the signed L2 transactions (opaque to L1). */
const L2_CHAIN_ID = 443;
/** The genesis rollup's epoch: the first rollup after genesis opens it and commits to its key. */
const KEY_EPOCH = 0;
const BLOB_GAS_PER_BLOB = 131_072n;

type Wallet = ReturnType<DevL1["wallet"]>;

/** Signed EIP-1559 L2 transactions from `senders` (round robin, nonces from `firstNonce`), a few with large data. */
async function signL2Transactions(
  senders: readonly PrivateKeyAccount[],
  count: number,
  firstNonce = 0,
  bigDataEvery = 0,
): Promise<Hex[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const sender = senders[i % senders.length]!;
      const big = bigDataEvery > 0 && i % bigDataEvery === 0;
      return sender.signTransaction({
        chainId: L2_CHAIN_ID,
        type: "eip1559",
        nonce: firstNonce + Math.floor(i / senders.length),
        to: privateKeyToAccount(generatePrivateKey()).address,
        value: parseEther("0.001") * BigInt(1 + (i % 5)),
        gas: big ? 300_000n : 21_000n,
        maxFeePerGas: parseGwei("2"),
        maxPriorityFeePerGas: parseGwei("1"),
        // contract calls with incompressible data, so that the rollup spans several blobs
        data: big ? bytesToHex(randomBytes(8_000)) : undefined,
      });
    }),
  );
}

/** The raw revert data a viem error carries somewhere in its causes. */
function revertDataOf(error: unknown): Hex | undefined {
  if (!(error instanceof ViemBaseError)) return undefined;
  const carrier = error.walk((e) => isHex((e as { data?: unknown }).data)) as { data?: Hex } | null;
  return carrier?.data;
}

describe("rollups through RollupManagement on anvil: blobs, calldata, refusals", () => {
  let l1: DevL1;
  let anvil: DevL1["anvil"];
  let publicClient: DevL1["publicClient"];
  let deployer: Wallet;
  let operator: Wallet;
  let depositor: Wallet;
  let manifest: DevL1["manifest"];
  let founded: FoundDevNetworkReturnType;
  let rollupManagement: Address;
  let epochKey: Hex;
  const alice = privateKeyToAccount(generatePrivateKey());
  const bob = privateKeyToAccount(generatePrivateKey());

  /** What a rollup submission leaves for the next test. */
  let first: { rollupHash: Hex; header: RollupHeader; transactions: Hex[] };

  const mined = (hash: Hex | Promise<Hex>) => l1.mined(hash);
  const readRollup = (rollupHash: Hex) => publicClient.getRollup({ rollupHash });
  const canonicalHead = async () => {
    const { hash, number } = await publicClient.getCanonicalHead();
    return [hash, number] as const;
  };

  before(async () => {
    getKzg(); // load c-kzg's trusted setup up front
    // The deployer holds governance and the council: no DAO or Safe needed for this test. Key
    // periods that differ from each other, so that reading them back tells them apart.
    l1 = await startDevL1({ deploy: { rollup: { keyRotationPeriod: 24 * 3600, disclosureDelay: 2 * 24 * 3600 } } });
    ({ anvil, publicClient, manifest } = l1);
    // Every account signs locally (blob transactions need it).
    [deployer, operator, depositor] = [l1.wallet(0), l1.wallet(1), l1.wallet(2)];
    rollupManagement = manifest.contracts.RollupManagement;
  });

  after(async () => {
    await l1?.stop();
  });

  it("foundDevNetwork fails with a typed error, before sending anything, when its keys are not the auditors", async () => {
    const nonce = await publicClient.getTransactionCount({ address: deployer.account.address });
    await assert.rejects(
      foundDevNetwork(deployer, {
        operator: operator.account,
        auditors: [privateKeyToAccount(generatePrivateKey()), privateKeyToAccount(generatePrivateKey())],
      }),
      (error) =>
        error instanceof DevNetworkFoundingError &&
        isErrorWithCode(error, "DEV_NETWORK_FOUNDING_FAILED") &&
        error.step === "approveMeasurement" &&
        error.errorName === "EnclavePolicy_NotAuditor",
    );
    assert.equal(await publicClient.getTransactionCount({ address: deployer.account.address }), nonce);
    assert.equal(await publicClient.getTransactionCount({ address: operator.account.address }), 0);
  });

  it("founds a dev network: the genesis enclave is active and its operator a staked publisher", async () => {
    founded = await foundDevNetwork(deployer, { operator: operator.account });
    const info = await publicClient.getNetworkInfo();
    assert.equal(info.networkKey, founded.networkKey.address);
    assert.equal(info.genesisEnclave, founded.enclave.enclaveId);
    const node = await publicClient.getNode({ enclaveId: founded.enclave.enclaveId });
    assert.equal(node.status, NodeStatus.Active);
    assert.equal(node.active, true);
    assert.equal(node.measurement, DEV_ENCLAVE_MEASUREMENT);
    assert.equal(getAddress(node.operator), getAddress(operator.account.address));
    const aggregator = await publicClient.getAggregator({ operator: operator.account.address });
    assert.equal(aggregator.stake, info.minStake);
    assert.equal(aggregator.isPublisher, true);
    assert.equal(aggregator.hostAddress, founded.hostAddress);
    // The master secret it returns is the one on L1: the enclave recovers it from its ciphertext.
    const recovered = await publicClient.recoverMasterSecret({ enclavePrivateKey: founded.enclave.privateKey });
    assert.equal(recovered.masterSecret, founded.masterSecret);
    assert.ok(founded.transactions.approveMeasurement && founded.transactions.fundStake);
    epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: KEY_EPOCH });

    await assert.rejects(foundDevNetwork(deployer, { operator: operator.account }), (error) =>
      isErrorWithCode(error, "DEV_NETWORK_ALREADY_FOUNDED"),
    );
  });

  it("submits the first rollup in blobs: consumes two deposits, commits the epoch key, and reads back and decrypts", async () => {
    // Two deposits: the L2 accounts that sign the rollup's transactions get their ETH.
    for (const [to, amount] of [
      [alice.address, parseEther("1")],
      [bob.address, parseEther("2")],
    ] as const) {
      await mined(depositor.depositEth({ to, amount }));
    }
    const l1Block = await publicClient.getBlock();
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    assert.equal(consumed.depositCount, 2n);
    assert.equal(consumed.checkpoint.untilBlock, 0n, "no deposit after the L1 block: no checkpoint hint");
    const deposits = await publicClient.getDeposits();
    assert.deepEqual(
      deposits.map((d) => [getAddress(d.to), d.amountOrId]),
      [
        [alice.address, parseEther("1")],
        [bob.address, parseEther("2")],
      ],
    );
    assert.equal(consumed.depositAcc, computeDepositAccumulator(deposits));

    // The enclave's work: a batch of signed L2 transactions, encrypted under the epoch key, in blobs.
    const transactions = await signL2Transactions([alice, bob], 300, 0, 15);
    const context = { chainId: anvil.chainId, rollupContract: rollupManagement, keyEpoch: KEY_EPOCH };
    const payload = encodeRollupPayload({ ...context, transactions, epochKey });
    const blobs = buildRollupBlobs({ payload });
    assert.ok(blobs.blobs.length >= 2, `expected a multi-blob rollup, got ${blobs.blobs.length}`);
    const header: RollupHeader = {
      parentHash: (await publicClient.getCanonicalHead()).hash, // the genesis rollup
      number: 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("obscuro/test/state/1")),
      withdrawalRoot: zeroHash,
      dataHash: blobs.dataHash,
      keyEpoch: KEY_EPOCH,
      // The first rollup after genesis opens its epoch: it commits to the epoch key.
      keyCommitment: keccak256(epochKey),
      enclaveId: founded.enclave.enclaveId,
    };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId: anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });

    // The host publishes it from the operator's local account.
    // No gas limit needed: anvil estimates with the blob hashes (Hardhat's EDR does not).
    const receipt = await mined(operator.submitRollup({ header, signature, data: { kind: "blobs", blobs } }));
    assert.equal(receipt.blobGasUsed, BigInt(blobs.blobs.length) * BLOB_GAS_PER_BLOB);
    const transaction = await publicClient.getTransaction({ hash: receipt.transactionHash });
    assert.equal(transaction.type, "eip4844");
    assert.deepEqual(transaction.blobVersionedHashes, blobs.versionedHashes);

    const [submitted, ...rest] = parseEventLogs({
      abi: rollupManagementAbi,
      logs: receipt.logs,
      eventName: "RollupSubmitted",
    });
    assert.equal(rest.length, 0);
    assert.equal(submitted!.args.rollupHash, rollupHash);
    assert.equal(submitted!.args.blobs, true);
    assert.equal(submitted!.args.number, 1n);
    assert.equal(getAddress(submitted!.args.publisher), getAddress(operator.account.address));
    assert.deepEqual(submitted!.args.header, header);
    const [committed] = parseEventLogs({ abi: rollupManagementAbi, logs: receipt.logs, eventName: "KeyCommitted" });
    assert.equal(committed?.args.commitment, keccak256(epochKey));

    // The contract's record and the canonical chain.
    const record = await readRollup(rollupHash);
    const finalityDelay = BigInt(manifest.settings.rollup.finalityDelay);
    assert.equal(record.number, 1n);
    assert.equal(record.l1BlockNumber, l1Block.number);
    assert.equal(record.includedAt, receipt.blockNumber);
    assert.equal(record.finalAt, receipt.blockNumber + finalityDelay);
    assert.equal(record.keyEpoch, KEY_EPOCH);
    assert.deepEqual([record.canonical, record.final, record.invalid], [true, false, false]);
    assert.deepEqual(await canonicalHead(), [rollupHash, 1n]);
    const epoch = await publicClient.getEpochKey({ keyEpoch: KEY_EPOCH });
    assert.equal(epoch.commitment, keccak256(epochKey));
    assert.equal(epoch.key, undefined, "not disclosed yet");
    assert.equal(epoch.committedAt, (await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
    assert.deepEqual(await publicClient.getKeyParameters(), {
      keyRotationPeriod: 24n * 3600n,
      disclosureDelay: 2n * 24n * 3600n,
    });

    // Final `finalityDelay` L1 blocks after its inclusion: the time to finality says so, and holds.
    const time = await publicClient.getTimeToFinality({ rollupHash, blockTime: 2000 });
    assert.equal(time.final, false);
    assert.equal(time.finalAtBlock, record.finalAt);
    const now = await publicClient.getBlockNumber({ cacheTime: 0 });
    assert.equal(time.blocks, record.finalAt - now);
    assert.equal(time.seconds, Number(record.finalAt - now) * 2);
    assert.deepEqual((await publicClient.getForkStatus()).contests, []);

    // A node finds the data from the event alone: the versioned hashes of the transaction that
    // emitted it hash to the header's dataHash.
    const carrier = await publicClient.getTransaction({ hash: submitted!.transactionHash });
    assert.equal(keccak256(concat(carrier.blobVersionedHashes!)), submitted!.args.header!.dataHash);

    // Read the blobs back both ways anvil offers, check them against the versioned hashes (blob
    // sources are untrusted), decode, decrypt, and compare with what was sent.
    const byTransaction = (await publicClient.request({
      method: "anvil_getBlobsByTransactionHash",
      params: [receipt.transactionHash],
    } as never)) as Hex[];
    const beacon = await fetch(`${anvil.rpcUrl}/eth/v1/beacon/blobs/${receipt.blockNumber}`);
    assert.equal(beacon.status, 200);
    const byBlock = ((await beacon.json()) as { data: Hex[] }).data;
    for (const read of [byTransaction, byBlock]) {
      assert.equal(read.length, blobs.blobs.length);
      assertBlobVersionedHashes({ blobs: read, versionedHashes: carrier.blobVersionedHashes! });
      const readPayload = decodeBlobs({ blobs: read });
      assert.deepEqual(readPayload, payload);
      const decrypted = decodeRollupPayload({ ...context, payload: readPayload, epochKey });
      assert.deepEqual(
        decrypted.map((t) => bytesToHex(t)),
        transactions,
      );
    }
    // They are real L2 transactions: signed by the deposit recipients, for the L2 chain.
    const decoded = decodeRollupPayload({ ...context, payload: decodeBlobs({ blobs: byTransaction }), epochKey });
    const senders = await Promise.all(
      decoded.map((t) => recoverTransactionAddress({ serializedTransaction: bytesToHex(t) as TransactionSerialized })),
    );
    assert.deepEqual([...new Set(senders.map((s) => getAddress(s)))].sort(), [alice.address, bob.address].sort());
    assert.ok(decoded.every((t) => parseTransaction(bytesToHex(t)).chainId === L2_CHAIN_ID));

    first = { rollupHash, header, transactions };
  });

  it("submits the second rollup in calldata on top of it, same epoch, with a deposit checkpoint hint", async () => {
    assert.ok(first, "needs the first rollup");
    // A third deposit before the L1 block the rollup is built on, a fourth after it.
    await mined(depositor.depositEth({ to: alice.address, amount: parseEther("0.5") }));
    const l1Block = await publicClient.getBlock();
    await mined(depositor.depositEth({ to: bob.address, amount: parseEther("0.25") }));
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    assert.equal(consumed.depositCount, 3n);
    assert.notEqual(consumed.checkpoint.untilBlock, 0n, "the fourth deposit came later: a checkpoint hint is needed");

    const transactions = await signL2Transactions([alice, bob], 20, 150);
    const context = { chainId: anvil.chainId, rollupContract: rollupManagement, keyEpoch: KEY_EPOCH };
    const payload = bytesToHex(encodeRollupPayload({ ...context, transactions, epochKey }));
    const header: RollupHeader = {
      parentHash: first.rollupHash,
      number: 2n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("obscuro/test/state/2")),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: KEY_EPOCH,
      keyCommitment: zeroHash, // same epoch as its parent: no new commitment
      enclaveId: founded.enclave.enclaveId,
    };
    const { rollupHash, signature } = await signRollupHeader({
      header,
      chainId: anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    const receipt = await mined(
      operator.submitRollup({
        header,
        signature,
        data: { kind: "calldata", payload },
        depositCheckpoint: consumed.checkpoint,
      }),
    );
    assert.equal(receipt.blobGasUsed, undefined);
    const [submitted] = parseEventLogs({ abi: rollupManagementAbi, logs: receipt.logs, eventName: "RollupSubmitted" });
    assert.equal(submitted?.args.rollupHash, rollupHash);
    assert.equal(submitted?.args.parentHash, first.rollupHash);
    assert.equal(submitted?.args.blobs, false);
    assert.deepEqual(submitted?.args.header, header);
    assert.equal(parseEventLogs({ abi: rollupManagementAbi, logs: receipt.logs, eventName: "KeyCommitted" }).length, 0);
    const record = await readRollup(rollupHash);
    assert.equal(record.number, 2n);
    assert.equal(record.includedAt, receipt.blockNumber);
    assert.deepEqual(await canonicalHead(), [rollupHash, 2n]);

    // Read back from the transaction's input, decrypt with the same epoch key.
    const transaction = await publicClient.getTransaction({ hash: receipt.transactionHash });
    const call = decodeFunctionData({ abi: rollupManagementAbi, data: transaction.input });
    assert.ok(call.functionName === "submitRollup");
    const data = call.args[2];
    assert.equal(computeCalldataDataHash(data), header.dataHash);
    assert.deepEqual(
      decodeRollupPayload({ ...context, payload: data, epochKey }).map((t) => bytesToHex(t)),
      transactions,
    );
  });

  it("refuses blobs whose versioned hashes are not the header's dataHash, with RollupManagement_DataHashMismatch", async () => {
    const [head, number] = await canonicalHead();
    assert.equal(number, 2n, "needs the second rollup");
    const context = { chainId: anvil.chainId, rollupContract: rollupManagement, keyEpoch: KEY_EPOCH };
    const signed = buildRollupBlobs({
      payload: encodeRollupPayload({ ...context, transactions: await signL2Transactions([alice], 5, 200), epochKey }),
    });
    const sent = buildRollupBlobs({
      payload: encodeRollupPayload({ ...context, transactions: await signL2Transactions([bob], 5, 200), epochKey }),
    });
    const l1Block = await publicClient.getBlock();
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    const header: RollupHeader = {
      parentHash: head,
      number: 3n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("obscuro/test/state/3")),
      withdrawalRoot: zeroHash,
      dataHash: signed.dataHash, // the enclave signed other blobs than the host sends
      keyEpoch: KEY_EPOCH,
      keyCommitment: zeroHash,
      enclaveId: founded.enclave.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId: anvil.chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    const nonce = await publicClient.getTransactionCount({ address: operator.account.address });

    // Simulated with the blob hashes (a raw eth_call: viem's call does not pass blobVersionedHashes
    // on a chain without formatters), against the pending block, where the header's L1 block is
    // in the past as it will be on chain.
    const simulate = (versionedHashes: readonly Hex[]) =>
      publicClient
        .request({
          method: "eth_call",
          params: [
            {
              from: operator.account.address,
              to: rollupManagement,
              data: encodeFunctionData({
                abi: rollupManagementAbi,
                functionName: "submitRollup",
                args: [header, signature, "0x", { depositCheckpoint: consumed.checkpoint, canonicalSibling: zeroHash }],
              }),
              blobVersionedHashes: versionedHashes,
              maxFeePerBlobGas: toHex(parseGwei("30")),
            },
            "pending",
          ],
        } as never)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
    // Control: with the blobs the enclave signed, the same call goes through.
    assert.equal(await simulate(signed.versionedHashes), undefined);
    const simulated = await simulate(sent.versionedHashes);
    assert.ok(simulated, "the simulation must revert");
    const revertData = revertDataOf(simulated);
    assert.ok(revertData, "the revert carries the contract's error");
    const decodedError = decodeErrorResult({ abi: rollupManagementAbi, data: revertData });
    assert.equal(decodedError.errorName, "RollupManagement_DataHashMismatch");
    assert.deepEqual(decodedError.args, [signed.dataHash, sent.dataHash]);

    // Sent through the SDK: its simulation refuses it with the decoded error; nothing is sent.
    const failure = await operator.submitRollup({ header, signature, data: { kind: "blobs", blobs: sent } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ContractCallRevertedError, "the submission must be refused with a typed error");
    assert.equal(failure.code, "CONTRACT_CALL_REVERTED");
    assert.equal(failure.contractName, "RollupManagement");
    assert.equal(failure.functionName, "submitRollup");
    assert.equal(failure.errorName, "RollupManagement_DataHashMismatch");
    assert.deepEqual(failure.args, [signed.dataHash, sent.dataHash]);
    assert.equal(await publicClient.getTransactionCount({ address: operator.account.address }), nonce);
    assert.deepEqual(await canonicalHead(), [head, 2n]);
  });

  it("refuses, with the decoded error of the module that raised it, a calldata rollup sent by another account or with a forged deposit count", async () => {
    const [head, number] = await canonicalHead();
    const context = { chainId: anvil.chainId, rollupContract: rollupManagement, keyEpoch: KEY_EPOCH };
    const payload = bytesToHex(
      encodeRollupPayload({ ...context, transactions: await signL2Transactions([alice], 3, 100), epochKey }),
    );
    const l1Block = await publicClient.getBlock();
    const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
    const honest: RollupHeader = {
      parentHash: head,
      number: number + 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("obscuro/test/state/refused")),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: KEY_EPOCH,
      keyCommitment: zeroHash,
      enclaveId: founded.enclave.enclaveId,
    };
    const attempt = async (walletClient: typeof operator, header: RollupHeader) => {
      const { signature } = await signRollupHeader({
        header,
        chainId: anvil.chainId,
        rollupManagement,
        enclavePrivateKey: founded.enclave.privateKey,
      });
      return walletClient.submitRollup({ header, signature, data: { kind: "calldata", payload } }).then(
        () => undefined,
        (error: unknown) => error,
      );
    };
    const nonces = async () =>
      Promise.all([operator, depositor].map((w) => publicClient.getTransactionCount({ address: w.account.address })));
    const before = await nonces();

    // The enclave's signature is good, but the sender is not its operator: NetworkManagement says so.
    const wrongSender = await attempt(depositor, honest);
    assert.ok(wrongSender instanceof ContractCallRevertedError);
    assert.equal(wrongSender.errorName, "NetworkManagement_NotOperator");
    assert.deepEqual(wrongSender.args, [founded.enclave.enclaveId, depositor.account.address]);

    // One deposit too many: BridgeManagement says so.
    const forged = await attempt(operator, { ...honest, depositCount: honest.depositCount + 1n });
    assert.ok(forged instanceof ContractCallRevertedError);
    assert.equal(forged.errorName, "BridgeManagement_DepositMismatch");

    assert.deepEqual(await nonces(), before, "nothing was sent");
    assert.deepEqual(await canonicalHead(), [head, number]);
  });

  it("the committed epoch key, once disclosed on the council's order, decrypts the blob rollup", async () => {
    assert.ok(first, "needs the first rollup");
    // Not yet: the epoch is not over, nobody ordered it. Refused by name, nothing sent.
    await assert.rejects(
      depositor.discloseKey({ keyEpoch: KEY_EPOCH, key: epochKey }),
      (error) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") &&
        error.errorName === "RollupManagement_DisclosureNotAllowedYet",
    );
    // The deployer is the council here: it orders the disclosure (and a watcher sees it).
    const emergencies: string[] = [];
    const unwatch = publicClient.watchEmergencies({
      onEmergencies: (list) => emergencies.push(...list.map((e) => e.kind)),
      pollingInterval: 100,
    });
    await mined(deployer.orderKeyDisclosure({ keyEpoch: KEY_EPOCH }));
    // Anyone may disclose it then; L1 accepts only the key whose hash was committed.
    await mined(depositor.discloseKey({ keyEpoch: KEY_EPOCH, key: epochKey }));
    const disclosed = (await publicClient.getEpochKey({ keyEpoch: KEY_EPOCH })).key;
    assert.ok(disclosed);
    const deadline = Date.now() + 10_000;
    while (!emergencies.includes("KeyDisclosureOrdered") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    unwatch();
    assert.deepEqual(emergencies, ["KeyDisclosureOrdered"]);
    const [submitted] = await publicClient.getContractEvents({
      address: rollupManagement,
      abi: rollupManagementAbi,
      eventName: "RollupSubmitted",
      args: { rollupHash: first.rollupHash },
      fromBlock: manifest.deployBlock,
      strict: true,
    });
    const blobs = (await publicClient.request({
      method: "anvil_getBlobsByTransactionHash",
      params: [submitted!.transactionHash],
    } as never)) as Hex[];
    const context = { chainId: anvil.chainId, rollupContract: rollupManagement, keyEpoch: KEY_EPOCH };
    assert.deepEqual(
      decodeRollupPayload({ ...context, payload: decodeBlobs({ blobs }), epochKey: hexToBytes(disclosed) }).map((t) =>
        bytesToHex(t),
      ),
      first.transactions,
    );
  });
});
