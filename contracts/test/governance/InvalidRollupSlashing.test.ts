import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, keccak256, parseEventLogs, recoverAddress, toHex, zeroHash, type Abi, type Hex } from "viem";
import {
  bridgeManagementAbi,
  computeCalldataDataHash,
  deregisterNode,
  enclavePolicyAbi,
  generateEnclaveKey,
  getAggregator,
  getAllHostAddresses,
  hashInvalidRollupTestimony,
  hashRollupHeader,
  isErrorWithCode,
  obscuroTokenAbi,
  rollupManagementAbi,
  rollupSlashingAbi,
  signInvalidRollupTestimony,
  signRollupHeader,
  slashInvalidRollup,
  submitRollup,
  type GenerateEnclaveKeyReturnType,
  type InvalidRollupTestimony,
  type RollupHeader,
} from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { DEV_MEASUREMENT, DEV_STAKE, devNetwork, revertName, type Wallet } from "../helpers/devNetwork.ts";

/**
 * Invalid-rollup slashing end to end, on the protocol `deployProtocol` deploys (the real
 * NetworkManagement, RollupManagement and RollupSlashing), through the SDK: a genesis node founds
 * the network, three more nodes join through `respondSecret`, two of the operators stake, the
 * publisher submits a rollup and two descendants in calldata, and `invalidRollupQuorum` other
 * active enclaves testify (EIP-712 `InvalidRollup(hash)`) that it is invalid.
 */
describe("RollupSlashing: an invalid rollup, end to end", async () => {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  // The deployer is governance, the council and the treasury.
  const [deployer, genesisOperator, publisherOperator, witnessOperator, otherOperator, reporter] = takeAccounts(
    wallets,
    6,
  );
  const treasury = deployer.account.address;
  const chainId = await publicClient.getChainId();
  const { wait, deployApproved, stake, found, join } = devNetwork(publicClient, chainId);

  interface Published {
    header: RollupHeader;
    hash: Hex;
  }

  async function founded() {
    const manifest = await deployApproved(
      deployer,
      [genesisOperator, publisherOperator, witnessOperator, otherOperator],
      2n * DEV_STAKE,
    );
    const networkManagement = manifest.contracts.NetworkManagement;
    const { genesis, masterSecret } = await found(manifest, genesisOperator);
    const publisher = await join(networkManagement, publisherOperator, genesis.privateKey, masterSecret);
    const witness = await join(networkManagement, witnessOperator, genesis.privateKey, masterSecret);
    const other = await join(networkManagement, otherOperator, publisher.privateKey, masterSecret);
    // The genesis operator and the publisher stake; the other nodes only witness.
    await stake(manifest, genesisOperator, genesis.enclaveId, "/ip4/10.0.0.1/tcp/30303");
    await stake(manifest, publisherOperator, publisher.enclaveId, "/dns4/publisher.example/tcp/30303");

    const rollupManagement = manifest.contracts.RollupManagement;
    const publish = async (parent: Hex, enclave: GenerateEnclaveKeyReturnType, operator: Wallet, tag: string) => {
      const { header, payload, signature } = await build(manifest.contracts, parent, enclave, tag);
      await wait(
        submitRollup(operator, {
          rollupManagementAddress: rollupManagement,
          bridgeManagementAddress: manifest.contracts.BridgeManagement,
          header,
          signature,
          data: { kind: "calldata", payload },
        }),
      );
      return { header, hash: hashRollupHeader({ header, chainId, rollupManagement }) } satisfies Published;
    };
    const genesisRollup = await publicClient.readContract({
      address: rollupManagement,
      abi: rollupManagementAbi,
      functionName: "genesisHash",
    });
    const r1 = await publish(genesisRollup, genesis, genesisOperator, "r1");
    const r2 = await publish(r1.hash, publisher, publisherOperator, "r2: invalid");
    const r3 = await publish(r2.hash, publisher, publisherOperator, "r3");
    const r4 = await publish(r3.hash, publisher, publisherOperator, "r4");
    return { manifest, masterSecret, genesis, publisher, witness, other, r1, r2, r3, r4 };
  }

  type Fixture = Awaited<ReturnType<typeof founded>>;

  /** A signed header on `parent` for `enclave`, built on the latest L1 block, with a calldata payload. */
  async function build(
    contracts: Fixture["manifest"]["contracts"],
    parent: Hex,
    enclave: GenerateEnclaveKeyReturnType,
    tag: string,
  ) {
    await networkHelpers.mine(1);
    const rollupManagement = contracts.RollupManagement;
    const l1Block = await publicClient.getBlock();
    const parentRecord = await publicClient.readContract({
      address: rollupManagement,
      abi: rollupManagementAbi,
      functionName: "rollup",
      args: [parent],
    });
    const [depositCount, depositAcc] = await publicClient.readContract({
      address: contracts.BridgeManagement,
      abi: bridgeManagementAbi,
      functionName: "depositQueue",
    });
    const payload = toHex(`\u0000${tag}`);
    const header: RollupHeader = {
      parentHash: parent,
      number: parentRecord.number + 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount,
      depositAcc,
      stateRoot: keccak256(toHex(`state after ${tag}`)),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: 0,
      // The first rollup after genesis opens epoch 0 with its key commitment.
      keyCommitment: parentRecord.number === 0n ? keccak256(toHex("epoch 0 key")) : zeroHash,
      enclaveId: enclave.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement,
      enclavePrivateKey: enclave.privateKey,
    });
    return { header, payload, signature };
  }

  async function testify(f: Fixture, rollupHash: Hex, witnesses: readonly GenerateEnclaveKeyReturnType[]) {
    return Promise.all(
      witnesses.map((w) =>
        signInvalidRollupTestimony({
          rollupHash,
          chainId,
          rollupSlashing: f.manifest.contracts.RollupSlashing,
          enclavePrivateKey: w.privateKey,
        }),
      ),
    );
  }

  /** The custom error `slashInvalidRollup` would revert with, through the SDK's typed error. */
  async function refusal(f: Fixture, header: RollupHeader, testimonies: readonly InvalidRollupTestimony[]) {
    try {
      await slashInvalidRollup(reporter, {
        rollupSlashingAddress: f.manifest.contracts.RollupSlashing,
        header,
        testimonies,
      });
    } catch (error) {
      assert.ok(isErrorWithCode(error, "CONTRACT_CALL_REVERTED"), `unexpected error: ${String(error)}`);
      return error.errorName;
    }
    throw new Error("the slash went through");
  }

  /** The raw call with signatures in the order given (the SDK would sort them). */
  function rawSlash(f: Fixture, header: RollupHeader, signatures: readonly Hex[]) {
    return publicClient.simulateContract({
      account: reporter.account,
      address: f.manifest.contracts.RollupSlashing,
      abi: rollupSlashingAbi,
      functionName: "slashInvalidRollup",
      args: [header, signatures],
    });
  }

  const read = <T>(address: Hex, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args }) as Promise<T>;
  const tokenBalance = (f: Fixture, account: Hex) =>
    read<bigint>(f.manifest.contracts.ObscuroToken, obscuroTokenAbi, "balanceOf", [account]);
  const isInvalid = (f: Fixture, hash: Hex) =>
    read<boolean>(f.manifest.contracts.RollupManagement, rollupManagementAbi, "isInvalid", [hash]);
  const canonicalHead = (f: Fixture) =>
    read<readonly [Hex, bigint]>(f.manifest.contracts.RollupManagement, rollupManagementAbi, "canonicalHead");
  const slashingParameters = async (f: Fixture) => {
    const [, , , quorum, rewardBps] = await read<readonly [number, number, bigint, number, number]>(
      f.manifest.contracts.RollupSlashing,
      rollupSlashingAbi,
      "parameters",
    );
    return { quorum, rewardBps: BigInt(rewardBps) };
  };

  it("signs the testimony exactly as RollupSlashing hashes it", async () => {
    const f = await networkHelpers.loadFixture(founded);
    const rollupSlashing = f.manifest.contracts.RollupSlashing;
    const onChain = await read<Hex>(rollupSlashing, rollupSlashingAbi, "hashInvalidRollup", [f.r2.hash]);
    assert.equal(hashInvalidRollupTestimony({ rollupHash: f.r2.hash, chainId, rollupSlashing }), onChain);
    const [testimony] = await testify(f, f.r2.hash, [f.witness]);
    assert.equal(testimony!.witness, f.witness.enclaveId);
    assert.equal(await recoverAddress({ hash: onChain, signature: testimony!.signature }), f.witness.enclaveId);
  });

  it("takes the publisher's whole stake, invalidates the rollup and its descendants, and the chain goes on from the parent", async (t) => {
    const f = await networkHelpers.loadFixture(founded);
    const { NetworkManagement: networkManagement, RollupManagement: rollupManagement } = f.manifest.contracts;
    const { quorum, rewardBps } = await slashingParameters(f);
    assert.equal(quorum, 2, "deployProtocol's default quorum");
    const publisherStake = (
      await getAggregator(publicClient, {
        networkManagementAddress: networkManagement,
        operator: publisherOperator.account.address,
      })
    ).stake;
    assert.equal(publisherStake, DEV_STAKE);
    assert.deepEqual(await canonicalHead(f), [f.r4.hash, 4n]);

    const accounts = [
      networkManagement,
      genesisOperator.account.address,
      witnessOperator.account.address,
      treasury,
      publisherOperator.account.address,
    ] as const;
    const before = await Promise.all(accounts.map((a) => tokenBalance(f, a)));

    // The genesis enclave and the witness testify; the SDK sorts the testimonies.
    const testimonies = await testify(f, f.r2.hash, [f.witness, f.genesis]);
    const receipt = await wait(
      slashInvalidRollup(reporter, {
        rollupSlashingAddress: f.manifest.contracts.RollupSlashing,
        header: f.r2.header,
        testimonies,
      }),
    );
    assert.equal(receipt.status, "success");
    t.diagnostic(`slashInvalidRollup (2 witnesses, 2 descendants, canonical): ${receipt.gasUsed} gas`);

    const [slashed] = parseEventLogs({ abi: rollupSlashingAbi, logs: receipt.logs, eventName: "InvalidRollupSlashed" });
    assert.ok(slashed);
    assert.equal(slashed.args.rollupHash, f.r2.hash);
    assert.equal(slashed.args.operator, getAddress(publisherOperator.account.address));
    assert.equal(slashed.args.amount, publisherStake);
    const sortedWitnesses = [f.genesis.enclaveId, f.witness.enclaveId].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    assert.deepEqual(slashed.args.witnesses, sortedWitnesses);

    // The stake left NetworkManagement: half to the two witnesses' operators, the rest to the treasury.
    const after = await Promise.all(accounts.map((a) => tokenBalance(f, a)));
    const share = (publisherStake * rewardBps) / 10_000n / 2n;
    assert.equal(after[0], before[0]! - publisherStake, "NetworkManagement's staked balance");
    assert.equal(after[1], before[1]! + share, "the genesis enclave's operator");
    assert.equal(after[2], before[2]! + share, "the witness's operator");
    assert.equal(after[3], before[3]! + publisherStake - 2n * share, "the treasury");
    assert.equal(after[4], before[4], "the publisher's operator gets nothing back");
    const aggregator = await getAggregator(publicClient, {
      networkManagementAddress: networkManagement,
      operator: publisherOperator.account.address,
    });
    assert.equal(aggregator.stake, 0n);
    assert.equal(aggregator.unbonding, 0n);
    assert.equal(aggregator.listed, false);
    assert.deepEqual(
      (await getAllHostAddresses(publicClient, { networkManagementAddress: networkManagement })).map((e) => e.operator),
      [getAddress(genesisOperator.account.address)],
    );

    // The rollup and its descendants are invalid; the chain is cut back to the parent.
    assert.equal(await isInvalid(f, f.r1.hash), false);
    for (const r of [f.r2, f.r3, f.r4]) assert.equal(await isInvalid(f, r.hash), true);
    for (const r of [f.r2, f.r3, f.r4]) {
      assert.equal(await read<boolean>(rollupManagement, rollupManagementAbi, "isCanonical", [r.hash]), false);
    }
    assert.deepEqual(await canonicalHead(f), [f.r1.hash, 1n]);

    // The publisher can no longer publish; nothing can be built on an invalid rollup; another
    // aggregator continues the chain from the parent.
    const retry = await build(f.manifest.contracts, f.r1.hash, f.publisher, "r2, again");
    assert.equal(
      await revertName(
        publicClient.simulateContract({
          account: publisherOperator.account,
          address: rollupManagement,
          abi: rollupManagementAbi,
          functionName: "submitRollup",
          blockTag: "pending",
          args: [
            retry.header,
            retry.signature,
            retry.payload,
            { depositCheckpoint: { seq: 0n, fromBlock: 0n, untilBlock: 0n }, canonicalSibling: zeroHash },
          ],
        }),
      ),
      "NetworkManagement_InsufficientStake",
    );
    const onInvalid = await build(f.manifest.contracts, f.r4.hash, f.genesis, "r5 on r4");
    assert.equal(
      await revertName(
        publicClient.simulateContract({
          account: genesisOperator.account,
          address: rollupManagement,
          abi: rollupManagementAbi,
          functionName: "submitRollup",
          blockTag: "pending",
          args: [
            onInvalid.header,
            onInvalid.signature,
            onInvalid.payload,
            { depositCheckpoint: { seq: 0n, fromBlock: 0n, untilBlock: 0n }, canonicalSibling: zeroHash },
          ],
        }),
      ),
      "RollupManagement_InvalidParent",
    );
    const replacement = await build(f.manifest.contracts, f.r1.hash, f.genesis, "r2, honest");
    await wait(
      submitRollup(genesisOperator, {
        rollupManagementAddress: rollupManagement,
        bridgeManagementAddress: f.manifest.contracts.BridgeManagement,
        header: replacement.header,
        signature: replacement.signature,
        data: { kind: "calldata", payload: replacement.payload },
      }),
    );
    const replacementHash = hashRollupHeader({ header: replacement.header, chainId, rollupManagement });
    assert.deepEqual(await canonicalHead(f), [replacementHash, 2n]);
    assert.equal(await isInvalid(f, replacementHash), false);

    // The same rollup, or one of its descendants, cannot be slashed again.
    assert.equal(await refusal(f, f.r2.header, testimonies), "RollupManagement_AlreadyInvalid");
    assert.equal(
      await refusal(f, f.r3.header, await testify(f, f.r3.hash, [f.genesis, f.witness])),
      "RollupManagement_AlreadyInvalid",
    );
  });

  it("counts a witness run by the publisher's own operator, but pays its share to the treasury", async () => {
    const f = await networkHelpers.loadFixture(founded);
    const networkManagement = f.manifest.contracts.NetworkManagement;
    const { rewardBps } = await slashingParameters(f);
    // The publisher's operator runs a second, honest enclave, which testifies against the first.
    const ownWitness = await join(networkManagement, publisherOperator, f.genesis.privateKey, f.masterSecret);
    const accounts = [witnessOperator.account.address, treasury, publisherOperator.account.address] as const;
    const before = await Promise.all(accounts.map((a) => tokenBalance(f, a)));

    await wait(
      slashInvalidRollup(reporter, {
        rollupSlashingAddress: f.manifest.contracts.RollupSlashing,
        header: f.r2.header,
        testimonies: await testify(f, f.r2.hash, [ownWitness, f.witness]),
      }),
    );

    const after = await Promise.all(accounts.map((a) => tokenBalance(f, a)));
    const share = (DEV_STAKE * rewardBps) / 10_000n / 2n;
    assert.equal(after[0], before[0]! + share, "the independent witness gets its usual share");
    assert.equal(after[1], before[1]! + DEV_STAKE - share, "the treasury gets the rest");
    assert.equal(after[2], before[2], "the publisher's operator recovers nothing");
    assert.equal(await isInvalid(f, f.r2.hash), true);
  });

  it("refuses bad testimony and changes nothing", async () => {
    const f = await networkHelpers.loadFixture(founded);
    const networkManagement = f.manifest.contracts.NetworkManagement;
    const stakeBefore = await tokenBalance(f, networkManagement);
    const [genesisT, witnessT] = await testify(f, f.r2.hash, [f.genesis, f.witness]);
    const byAddress = (a: InvalidRollupTestimony, b: InvalidRollupTestimony) =>
      BigInt(a.witness) < BigInt(b.witness) ? -1 : 1;
    const sorted = [genesisT!, witnessT!].sort(byAddress);

    // The publisher's own enclave cannot testify.
    assert.equal(
      await refusal(f, f.r2.header, [...(await testify(f, f.r2.hash, [f.publisher])), genesisT!]),
      "RollupSlashing_WitnessIsPublisher",
    );
    // Fewer than the quorum.
    assert.equal(await refusal(f, f.r2.header, [witnessT!]), "RollupSlashing_NotEnoughWitnesses");
    // Unsorted, or the same witness twice (the SDK refuses the duplicate before sending).
    assert.equal(
      await revertName(rawSlash(f, f.r2.header, [sorted[1]!.signature, sorted[0]!.signature])),
      "RollupSlashing_WitnessesNotAscending",
    );
    assert.equal(
      await revertName(rawSlash(f, f.r2.header, [witnessT!.signature, witnessT!.signature])),
      "RollupSlashing_WitnessesNotAscending",
    );
    await assert.rejects(
      slashInvalidRollup(reporter, {
        rollupSlashingAddress: f.manifest.contracts.RollupSlashing,
        header: f.r2.header,
        testimonies: [witnessT!, witnessT!],
      }),
      (error) => isErrorWithCode(error, "DUPLICATE_WITNESS"),
    );
    // A malformed signature.
    assert.equal(
      await revertName(rawSlash(f, f.r2.header, [sorted[0]!.signature, "0x1234"])),
      "RollupSlashing_WitnessesNotAscending",
    );
    // Testimony about another rollup, or for another RollupSlashing deployment, names no active enclave.
    assert.equal(
      await refusal(f, f.r2.header, await testify(f, f.r3.hash, [f.genesis, f.witness])),
      "RollupSlashing_WitnessNotActive",
    );
    const elsewhere = await Promise.all(
      [f.genesis, f.witness].map((w) =>
        signInvalidRollupTestimony({
          rollupHash: f.r2.hash,
          chainId,
          rollupSlashing: networkManagement,
          enclavePrivateKey: w.privateKey,
        }),
      ),
    );
    assert.equal(await refusal(f, f.r2.header, elsewhere), "RollupSlashing_WitnessNotActive");
    // An enclave that never registered.
    const stranger = generateEnclaveKey();
    assert.equal(
      await refusal(f, f.r2.header, await testify(f, f.r2.hash, [stranger, f.genesis])),
      "RollupSlashing_WitnessNotActive",
    );
    // A rollup that was never submitted.
    const unknown = { ...f.r2.header, stateRoot: keccak256(toHex("never submitted")) };
    const unknownHash = hashRollupHeader({
      header: unknown,
      chainId,
      rollupManagement: f.manifest.contracts.RollupManagement,
    });
    assert.equal(
      await refusal(f, unknown, await testify(f, unknownHash, [f.genesis, f.witness])),
      "RollupManagement_UnknownRollup",
    );

    // A deregistered witness.
    const snapshot = await networkHelpers.takeSnapshot();
    await wait(
      deregisterNode(otherOperator, { networkManagementAddress: networkManagement, enclaveId: f.other.enclaveId }),
    );
    assert.equal(
      await refusal(f, f.r2.header, await testify(f, f.r2.hash, [f.other, f.genesis])),
      "RollupSlashing_WitnessNotActive",
    );
    await snapshot.restore();
    // Witnesses whose measurement the council revoked.
    await wait(
      deployer.writeContract({
        address: f.manifest.contracts.EnclavePolicy,
        abi: enclavePolicyAbi,
        functionName: "revokeMeasurementByCouncil",
        args: [DEV_MEASUREMENT],
      }),
    );
    assert.equal(await refusal(f, f.r2.header, [genesisT!, witnessT!]), "RollupSlashing_WitnessNotActive");
    await snapshot.restore();

    assert.equal(await isInvalid(f, f.r2.hash), false);
    assert.equal(await tokenBalance(f, networkManagement), stakeBefore);
    assert.deepEqual(await canonicalHead(f), [f.r4.hash, 4n]);
    // The good testimony still goes through.
    await rawSlash(
      f,
      f.r2.header,
      sorted.map((s) => s.signature),
    );
  });

  it("never invalidates a final rollup, nor anything once the bridge is frozen", async () => {
    const f = await networkHelpers.loadFixture(founded);
    const rollupManagement = f.manifest.contracts.RollupManagement;
    const [finalityDelay] = await read<readonly [number, number]>(rollupManagement, rollupManagementAbi, "parameters");
    await networkHelpers.mine(finalityDelay);
    assert.equal(await read<boolean>(rollupManagement, rollupManagementAbi, "isFinal", [f.r1.hash]), true);
    assert.equal(
      await refusal(f, f.r1.header, await testify(f, f.r1.hash, [f.publisher, f.witness])),
      "RollupManagement_FinalRollup",
    );

    // The council freezes the bridge on r1: the tree is halted, nothing more can be invalidated.
    await wait(
      deployer.writeContract({
        address: f.manifest.contracts.BridgeManagement,
        abi: bridgeManagementAbi,
        functionName: "freeze",
        args: [f.r1.header],
      }),
    );
    assert.equal(
      await refusal(f, f.r2.header, await testify(f, f.r2.hash, [f.genesis, f.witness])),
      "RollupManagement_Halted",
    );
    assert.equal(await isInvalid(f, f.r2.hash), false);
    assert.equal(await isInvalid(f, f.r1.hash), false);
  });
});
