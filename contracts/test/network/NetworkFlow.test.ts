import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  createPublicClient,
  custom,
  getAddress,
  hashTypedData,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Hex,
} from "viem";
import {
  cancelRegistration,
  computeCalldataDataHash,
  decryptMasterSecret,
  deregisterNode,
  deriveNetworkKey,
  ENCRYPTED_SECRET_LENGTH,
  generateEnclaveKey,
  generateMasterSecret,
  getAggregator,
  getAllHostAddresses,
  getHostAddresses,
  getInitializeNetworkTypedData,
  getNetworkInfo,
  getNode,
  getSecretRequests,
  getSecretResponseTypedData,
  hashRollupHeader,
  increaseStake,
  isErrorWithCode,
  networkManagementAbi,
  NodeStatus,
  obscuroTokenAbi,
  prepareSecretResponse,
  reattest,
  recoverMasterSecret,
  registerAggregator,
  registerNode,
  respondSecret,
  revokeMeasurementByCouncil,
  rollupManagementAbi,
  signRollupHeader,
  submitRollup,
  unstake,
  updateHostAddress,
  withdrawStake,
  type RollupHeader,
} from "@obscuro/sdk";
import { takeAccounts } from "../helpers/accounts.ts";
import { DEV_MEASUREMENT as MEASUREMENT, DEV_STAKE as STAKE, devNetwork, revertName } from "../helpers/devNetwork.ts";

/**
 * The whole registration and secret protocol on Hardhat's in-process network, through the SDK
 * only: the protocol deployed by `deployProtocol`, dev reports from the SDK's dev TEE, the master
 * secret from the SDK's crypto. A genesis node founds the network, two joiners register, two
 * responders race for the second joiner and the first wins the fee, the joiners decrypt the
 * secret and derive the same network key, and a node recovers its secret from L1 state alone.
 */
describe("NetworkManagement: registration and the shared secret, end to end", async () => {
  const { viem, networkHelpers, provider } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [deployer, genesisOperator, joinerAOperator, joinerBOperator, relayer] = takeAccounts(wallets, 5);
  const chainId = await publicClient.getChainId();

  const { wait, deployApproved, freshReport, register, stake, found } = devNetwork(publicClient, chainId);

  async function deploy() {
    // The operators get stake tokens from the treasury (the deployer).
    return deployApproved(deployer, [genesisOperator, joinerAOperator, joinerBOperator], 2n * STAKE);
  }

  /** Genesis: register, draw the master secret inside the "enclave", initialize, stake. */
  async function founded() {
    const manifest = await deploy();
    const networkManagement = manifest.contracts.NetworkManagement;
    const { genesis, masterSecret } = await found(manifest, genesisOperator);
    await stake(manifest, genesisOperator, genesis.enclaveId, "/ip4/10.0.0.1/tcp/30303", STAKE);
    return { manifest, networkManagement, genesis, masterSecret };
  }

  it("signs both statements exactly as the contract hashes them", async () => {
    const { networkManagement } = await networkHelpers.loadFixture(founded);
    const encryptedSecret = toHex(new Uint8Array(ENCRYPTED_SECRET_LENGTH).fill(7));
    const init = getInitializeNetworkTypedData({
      chainId,
      networkManagement,
      encryptedSecret,
      networkKey: relayer.account.address,
    });
    const response = getSecretResponseTypedData({
      chainId,
      networkManagement,
      requester: joinerAOperator.account.address,
      responder: joinerBOperator.account.address,
      encryptedSecret,
    });
    const contract = { address: networkManagement, abi: networkManagementAbi } as const;
    assert.equal(
      hashTypedData(init),
      await publicClient.readContract({
        ...contract,
        functionName: "hashInitializeNetwork",
        args: [keccak256(encryptedSecret), relayer.account.address],
      }),
    );
    assert.equal(
      hashTypedData(response),
      await publicClient.readContract({
        ...contract,
        functionName: "hashSecretResponse",
        args: [joinerAOperator.account.address, joinerBOperator.account.address, keccak256(encryptedSecret)],
      }),
    );
  });

  it("founds the network: the genesis node is active, its fee refunded, the network key on L1", async () => {
    const { manifest, networkManagement, genesis, masterSecret } = await networkHelpers.loadFixture(founded);
    const info = await getNetworkInfo(publicClient, { networkManagementAddress: networkManagement });
    assert.equal(info.networkKey, deriveNetworkKey({ masterSecret }).address);
    assert.equal(info.genesisEnclave, genesis.enclaveId);
    assert.equal(
      await publicClient.readContract({
        address: networkManagement,
        abi: networkManagementAbi,
        functionName: "stakeToken",
      }),
      manifest.contracts.ObscuroToken,
    );
    const node = await getNode(publicClient, {
      networkManagementAddress: networkManagement,
      enclaveId: genesis.enclaveId,
    });
    assert.equal(node.status, NodeStatus.Active);
    assert.equal(node.active, true);
    assert.equal(node.fee, 0n);
    assert.equal(await publicClient.getBalance({ address: networkManagement }), 0n, "the genesis fee was refunded");
    const aggregator = await getAggregator(publicClient, {
      networkManagementAddress: networkManagement,
      operator: genesisOperator.account.address,
    });
    assert.equal(aggregator.stake, STAKE);
    assert.equal(aggregator.isPublisher, true);
    assert.deepEqual(await getAllHostAddresses(publicClient, { networkManagementAddress: networkManagement }), [
      { operator: getAddress(genesisOperator.account.address), hostAddress: "/ip4/10.0.0.1/tcp/30303" },
    ]);
  });

  it("runs the whole protocol: two joiners, a race of two responders, decryption and recovery", async () => {
    const { manifest, networkManagement, genesis, masterSecret } = await networkHelpers.loadFixture(founded);
    const { deployBlock } = manifest;
    const networkKey = deriveNetworkKey({ masterSecret }).address;
    const fee = (await getNetworkInfo(publicClient, { networkManagementAddress: networkManagement })).registrationFee;

    // Joiner A registers; the genesis node sees the request and answers it.
    const joinerA = generateEnclaveKey();
    await register(networkManagement, joinerA, joinerAOperator);
    let requests = await getSecretRequests(publicClient, {
      networkManagementAddress: networkManagement,
      fromBlock: deployBlock,
    });
    assert.deepEqual(
      requests.map((r) => r.enclaveId),
      [joinerA.enclaveId],
    );
    assert.equal(requests[0]!.enclavePublicKey, joinerA.publicKey);
    const toA = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: genesis.privateKey,
      requesterPublicKey: requests[0]!.enclavePublicKey,
      expectedNetworkKey: networkKey,
    });
    const genesisBalance = await publicClient.getBalance({ address: genesisOperator.account.address });
    // A relayer sends it: the fee still goes to the responder's operator.
    await wait(respondSecret(relayer, { networkManagementAddress: networkManagement, ...toA }));
    assert.equal(await publicClient.getBalance({ address: genesisOperator.account.address }), genesisBalance + fee);

    // Joiner A recovers the secret from L1 and derives the same network key.
    const recoveredA = await recoverMasterSecret(publicClient, {
      networkManagementAddress: networkManagement,
      enclavePrivateKey: joinerA.privateKey,
    });
    assert.equal(recoveredA.masterSecret, masterSecret);
    assert.equal(recoveredA.networkKey.address, networkKey);

    // Joiner B registers; the genesis node and joiner A both answer, in the same block.
    const joinerB = generateEnclaveKey();
    await register(networkManagement, joinerB, joinerBOperator);
    requests = await getSecretRequests(publicClient, {
      networkManagementAddress: networkManagement,
      fromBlock: deployBlock,
    });
    assert.deepEqual(
      requests.map((r) => r.enclaveId),
      [joinerB.enclaveId],
      "A's request is answered, B's is pending",
    );
    const fromA = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret: recoveredA.masterSecret,
      responderPrivateKey: joinerA.privateKey,
      requesterPublicKey: requests[0]!.enclavePublicKey,
      expectedNetworkKey: networkKey,
    });
    const fromGenesis = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: genesis.privateKey,
      requesterPublicKey: requests[0]!.enclavePublicKey,
      expectedNetworkKey: networkKey,
    });
    const aBalance = await publicClient.getBalance({ address: joinerAOperator.account.address });
    const gBalance = await publicClient.getBalance({ address: genesisOperator.account.address });
    await provider.request({ method: "evm_setAutomine", params: [false] });
    let first: Hex;
    let second: Hex;
    try {
      first = await respondSecret(joinerAOperator, {
        networkManagementAddress: networkManagement,
        ...fromA,
        gas: 500_000n,
      });
      // The genesis host has not seen A's transaction (it is in another part of the mempool):
      // it sends its own response at once, without a simulation that would have caught the loss.
      second = await genesisOperator.writeContract({
        address: networkManagement,
        abi: networkManagementAbi,
        functionName: "respondSecret",
        args: [
          fromGenesis.requester,
          fromGenesis.responder,
          fromGenesis.encryptedSecret,
          fromGenesis.responderSignature,
          fromGenesis.networkSignature,
        ],
        gas: 500_000n,
      });
      await networkHelpers.mine(1);
    } finally {
      await provider.request({ method: "evm_setAutomine", params: [true] });
    }
    const firstReceipt = await wait(first);
    const secondReceipt = await wait(second);
    assert.equal(firstReceipt.blockNumber, secondReceipt.blockNumber, "one block");
    assert.equal(firstReceipt.status, "success", "the first response wins");
    assert.equal(secondReceipt.status, "reverted", "the later response reverts");
    const aCost = firstReceipt.gasUsed * firstReceipt.effectiveGasPrice;
    const gCost = secondReceipt.gasUsed * secondReceipt.effectiveGasPrice;
    assert.equal(await publicClient.getBalance({ address: joinerAOperator.account.address }), aBalance - aCost + fee);
    assert.equal(await publicClient.getBalance({ address: genesisOperator.account.address }), gBalance - gCost);
    const responded = await publicClient.getContractEvents({
      address: networkManagement,
      abi: networkManagementAbi,
      eventName: "SecretResponded",
      args: { requester: joinerB.enclaveId },
      fromBlock: deployBlock,
      strict: true,
    });
    assert.equal(responded.length, 1);
    assert.equal(responded[0]!.args.responder, joinerA.enclaveId);
    assert.deepEqual(
      await getSecretRequests(publicClient, { networkManagementAddress: networkManagement, fromBlock: deployBlock }),
      [],
    );

    // Joiner B decrypts what joiner A stored for it and derives the same network key.
    const ciphertextB = await publicClient.readContract({
      address: networkManagement,
      abi: networkManagementAbi,
      functionName: "encryptedSecretOf",
      args: [joinerB.enclaveId],
    });
    assert.equal(ciphertextB, fromA.encryptedSecret);
    const decrypted = decryptMasterSecret({
      ciphertext: ciphertextB,
      privateKey: joinerB.privateKey,
      expectedNetworkKey: networkKey,
    });
    assert.equal(decrypted.masterSecret, masterSecret);
    assert.equal(decrypted.networkKey.address, networkKey);

    // The genesis node lost everything but its enclave key: a fresh client, the address of
    // NetworkManagement and the key are enough to recover the secret from L1 state.
    const freshClient = createPublicClient({ transport: custom(provider) });
    const recovered = await recoverMasterSecret(freshClient, {
      networkManagementAddress: networkManagement,
      enclavePrivateKey: genesis.privateKey,
    });
    assert.equal(recovered.enclaveId, genesis.enclaveId);
    assert.equal(recovered.masterSecret, masterSecret);
    assert.equal(recovered.networkKey.address, networkKey);
  });

  it("refuses what the contract would refuse, with typed errors", async () => {
    const { manifest, networkManagement, genesis, masterSecret } = await networkHelpers.loadFixture(founded);
    const joiner = generateEnclaveKey();
    const reverted = (name: string) => (error: unknown) =>
      isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === name;

    // No fee.
    const fresh = await freshReport(joiner, joinerAOperator.account.address);
    await assert.rejects(
      registerNode(joinerAOperator, { networkManagementAddress: networkManagement, ...fresh, fee: 0n }),
      reverted("NetworkManagement_WrongFee"),
    );
    // A stale report: the policy's error is decoded through NetworkManagement.
    await networkHelpers.mine(65);
    await assert.rejects(
      registerNode(joinerAOperator, { networkManagementAddress: networkManagement, ...fresh }),
      reverted("EnclavePolicy_ReportTooOld"),
    );
    // Someone else's report.
    const bound = await freshReport(joiner, joinerAOperator.account.address);
    await assert.rejects(
      registerNode(joinerBOperator, { networkManagementAddress: networkManagement, ...bound }),
      reverted("NetworkManagement_ReportDataMismatch"),
    );
    // Registered, but nothing to recover yet.
    await wait(registerNode(joinerAOperator, { networkManagementAddress: networkManagement, ...bound }));
    await assert.rejects(
      recoverMasterSecret(publicClient, {
        networkManagementAddress: networkManagement,
        enclavePrivateKey: joiner.privateKey,
      }),
      (error) => isErrorWithCode(error, "NO_ENCRYPTED_SECRET"),
    );
    // A response without knowledge of the secret: the network-key signature is wrong.
    const impostor = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret: generateMasterSecret(),
      responderPrivateKey: genesis.privateKey,
      requesterPublicKey: joiner.publicKey,
    });
    await assert.rejects(
      respondSecret(relayer, { networkManagementAddress: networkManagement, ...impostor }),
      reverted("NetworkManagement_InvalidNetworkSignature"),
    );
    // A response from a node that is not active (it is the requester itself, awaiting).
    const notActive = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: joiner.privateKey,
      requesterPublicKey: joiner.publicKey,
    });
    await assert.rejects(
      respondSecret(relayer, { networkManagementAddress: networkManagement, ...notActive }),
      reverted("NetworkManagement_NodeNotActive"),
    );
    // A malformed ciphertext never leaves the SDK.
    await assert.rejects(
      respondSecret(relayer, { networkManagementAddress: networkManagement, ...notActive, encryptedSecret: "0x04" }),
      (error) => isErrorWithCode(error, "INVALID_ENCRYPTED_SECRET"),
    );
    // The real response, then a second one.
    const real = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: genesis.privateKey,
      requesterPublicKey: joiner.publicKey,
    });
    await wait(respondSecret(relayer, { networkManagementAddress: networkManagement, ...real }));
    await assert.rejects(
      respondSecret(relayer, { networkManagementAddress: networkManagement, ...real }),
      reverted("NetworkManagement_NotAwaitingSecret"),
    );
    // Host addresses: empty and too long are refused before sending.
    for (const hostAddress of ["", "x".repeat(257)]) {
      await assert.rejects(
        registerAggregator(joinerAOperator, {
          networkManagementAddress: networkManagement,
          stakeTokenAddress: manifest.contracts.ObscuroToken,
          enclaveId: joiner.enclaveId,
          hostAddress,
          amount: STAKE,
        }),
        (error) => isErrorWithCode(error, "INVALID_HOST_ADDRESS"),
      );
    }
    // A stake below the minimum.
    await assert.rejects(
      registerAggregator(joinerAOperator, {
        networkManagementAddress: networkManagement,
        stakeTokenAddress: manifest.contracts.ObscuroToken,
        enclaveId: joiner.enclaveId,
        hostAddress: "/dns4/a.example/tcp/1",
        amount: STAKE - 1n,
      }),
      reverted("NetworkManagement_InsufficientStake"),
    );
    // Early withdrawal of stake.
    await wait(unstake(genesisOperator, { networkManagementAddress: networkManagement }));
    await assert.rejects(
      withdrawStake(genesisOperator, { networkManagementAddress: networkManagement }),
      reverted("NetworkManagement_StillUnbonding"),
    );
  });

  it("recovery needs an initialized network", async () => {
    const manifest = await networkHelpers.loadFixture(deploy);
    await assert.rejects(
      recoverMasterSecret(publicClient, {
        networkManagementAddress: manifest.contracts.NetworkManagement,
        enclavePrivateKey: generateEnclaveKey().privateKey,
      }),
      (error) => isErrorWithCode(error, "NETWORK_NOT_INITIALIZED"),
    );
  });

  it("stakes with a permit, pages the host list, and walks the stake lifecycle", async () => {
    const { manifest, networkManagement, genesis, masterSecret } = await networkHelpers.loadFixture(founded);
    const joiner = generateEnclaveKey();
    const { report, l1BlockNumber } = await freshReport(joiner, joinerAOperator.account.address);
    await wait(registerNode(joinerAOperator, { networkManagementAddress: networkManagement, report, l1BlockNumber }));
    const response = await prepareSecretResponse({
      chainId,
      networkManagement,
      masterSecret,
      responderPrivateKey: genesis.privateKey,
      requesterPublicKey: joiner.publicKey,
    });
    await wait(respondSecret(joinerAOperator, { networkManagementAddress: networkManagement, ...response }));

    // One transaction, authorized by an ERC-2612 signature.
    const before = await publicClient.getTransactionCount({ address: joinerAOperator.account.address });
    await wait(
      registerAggregator(joinerAOperator, {
        networkManagementAddress: networkManagement,
        stakeTokenAddress: manifest.contracts.ObscuroToken,
        enclaveId: joiner.enclaveId,
        hostAddress: "https://joiner-a.example:8443",
        amount: STAKE,
        authorization: "permit",
      }),
    );
    assert.equal(await publicClient.getTransactionCount({ address: joinerAOperator.account.address }), before + 1);
    const page = await getHostAddresses(publicClient, {
      networkManagementAddress: networkManagement,
      offset: 1n,
      limit: 5n,
    });
    assert.equal(page.total, 2n);
    assert.deepEqual(page.entries, [
      { operator: getAddress(joinerAOperator.account.address), hostAddress: "https://joiner-a.example:8443" },
    ]);

    await wait(
      updateHostAddress(joinerAOperator, {
        networkManagementAddress: networkManagement,
        hostAddress: "/ip6/::1/tcp/9",
      }),
    );
    await wait(
      increaseStake(joinerAOperator, {
        networkManagementAddress: networkManagement,
        stakeTokenAddress: manifest.contracts.ObscuroToken,
        amount: parseEther("5"),
      }),
    );
    let aggregator = await getAggregator(publicClient, {
      networkManagementAddress: networkManagement,
      operator: joinerAOperator.account.address,
    });
    assert.equal(aggregator.stake, STAKE + parseEther("5"));
    assert.equal(aggregator.hostAddress, "/ip6/::1/tcp/9");

    await wait(unstake(joinerAOperator, { networkManagementAddress: networkManagement }));
    aggregator = await getAggregator(publicClient, {
      networkManagementAddress: networkManagement,
      operator: joinerAOperator.account.address,
    });
    assert.equal(aggregator.listed, false);
    assert.equal(aggregator.unbonding, STAKE + parseEther("5"));
    const all = await getAllHostAddresses(publicClient, { networkManagementAddress: networkManagement, pageSize: 1n });
    assert.deepEqual(
      all.map((e) => e.operator),
      [getAddress(genesisOperator.account.address)],
    );

    await networkHelpers.time.increaseTo(aggregator.unbondingEnds);
    const tokenBefore = await publicClient.readContract({
      address: manifest.contracts.ObscuroToken,
      abi: obscuroTokenAbi,
      functionName: "balanceOf",
      args: [joinerAOperator.account.address],
    });
    await wait(withdrawStake(joinerAOperator, { networkManagementAddress: networkManagement }));
    const tokenAfter = await publicClient.readContract({
      address: manifest.contracts.ObscuroToken,
      abi: obscuroTokenAbi,
      functionName: "balanceOf",
      args: [joinerAOperator.account.address],
    });
    assert.equal(tokenAfter - tokenBefore, STAKE + parseEther("5"));
  });

  it("expires keys, re-attests, cancels unanswered registrations and deregisters", async () => {
    const { networkManagement, genesis } = await networkHelpers.loadFixture(founded);
    const node = await getNode(publicClient, {
      networkManagementAddress: networkManagement,
      enclaveId: genesis.enclaveId,
    });
    await networkHelpers.time.increaseTo(node.expiresAt);
    assert.equal(
      (await getNode(publicClient, { networkManagementAddress: networkManagement, enclaveId: genesis.enclaveId }))
        .active,
      false,
    );
    const fresh = await freshReport(genesis, genesisOperator.account.address);
    await wait(reattest(genesisOperator, { networkManagementAddress: networkManagement, ...fresh }));
    const again = await getNode(publicClient, {
      networkManagementAddress: networkManagement,
      enclaveId: genesis.enclaveId,
    });
    assert.equal(again.active, true);
    assert.ok(again.expiresAt > node.expiresAt);

    // A registration nobody answers is cancelled after the response timeout, fee refunded.
    const lonely = generateEnclaveKey();
    await register(networkManagement, lonely, joinerBOperator);
    await assert.rejects(
      cancelRegistration(joinerBOperator, { networkManagementAddress: networkManagement, enclaveId: lonely.enclaveId }),
      (error) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") &&
        error.errorName === "NetworkManagement_ResponseTimeoutNotReached",
    );
    const info = await getNetworkInfo(publicClient, { networkManagementAddress: networkManagement });
    await networkHelpers.time.increase(info.responseTimeout);
    await wait(
      cancelRegistration(joinerBOperator, { networkManagementAddress: networkManagement, enclaveId: lonely.enclaveId }),
    );
    assert.equal(
      (await getNode(publicClient, { networkManagementAddress: networkManagement, enclaveId: lonely.enclaveId }))
        .operator,
      zeroAddress,
    );
    assert.equal(await publicClient.getBalance({ address: networkManagement }), 0n);

    await wait(
      deregisterNode(genesisOperator, { networkManagementAddress: networkManagement, enclaveId: genesis.enclaveId }),
    );
    const retired = await getNode(publicClient, {
      networkManagementAddress: networkManagement,
      enclaveId: genesis.enclaveId,
    });
    assert.equal(retired.status, NodeStatus.Deregistered);
    assert.equal(retired.active, false);
  });

  it("lets a staked active aggregator publish a rollup, and stops it at once when its measurement is revoked", async () => {
    const { manifest, genesis } = await networkHelpers.loadFixture(founded);
    const rollupManagement = manifest.contracts.RollupManagement;
    await networkHelpers.mine(1);
    const payload = "0x00c0ffee" as const;
    const l1Block = await publicClient.getBlock();
    const genesisHash = await publicClient.readContract({
      address: rollupManagement,
      abi: rollupManagementAbi,
      functionName: "genesisHash",
    });
    const header: RollupHeader = {
      parentHash: genesisHash,
      number: 1n,
      l1BlockNumber: l1Block.number,
      l1BlockHash: l1Block.hash,
      depositCount: 0n,
      depositAcc: zeroHash,
      stateRoot: keccak256("0x01"),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: 0,
      keyCommitment: keccak256("0xe0"),
      enclaveId: genesis.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement,
      enclavePrivateKey: genesis.privateKey,
    });
    // The council revokes the measurement: the next submission is refused by NetworkManagement.
    const snapshot = await networkHelpers.takeSnapshot();
    // The deployer is the council here.
    await wait(
      revokeMeasurementByCouncil(deployer, {
        enclavePolicyAddress: manifest.contracts.EnclavePolicy,
        measurement: MEASUREMENT,
      }),
    );
    // Decoded by name wherever it was raised (NetworkManagement, behind RollupManagement); nothing sent.
    const refused = revertName(
      submitRollup(genesisOperator, {
        rollupManagementAddress: rollupManagement,
        bridgeManagementAddress: manifest.contracts.BridgeManagement,
        header,
        signature,
        data: { kind: "calldata", payload },
      }),
    );
    assert.equal(await refused, "NetworkManagement_MeasurementNotApproved");
    await snapshot.restore();
    const receipt = await wait(
      submitRollup(genesisOperator, {
        rollupManagementAddress: rollupManagement,
        bridgeManagementAddress: manifest.contracts.BridgeManagement,
        header,
        signature,
        data: { kind: "calldata", payload },
      }),
    );
    assert.equal(receipt.status, "success");
    const [head] = await publicClient.readContract({
      address: rollupManagement,
      abi: rollupManagementAbi,
      functionName: "canonicalHead",
    });
    assert.equal(head, hashRollupHeader({ header, chainId, rollupManagement }));
  });
});
