import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bytesToHex, encodeFunctionData, erc20Abi, keccak256, parseEther, toHex, zeroAddress, zeroHash } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  buildDevRegistration,
  devCouncilSigners,
  foundDevNetwork,
  type FoundDevNetworkReturnType,
} from "../src/devtools/index.ts";
import {
  AssetKind,
  bridgeManagementAbi,
  computeCalldataDataHash,
  ContractCallRevertedError,
  deriveRollupEpochKey,
  encodeRollupPayload,
  generateEnclaveKey,
  prepareSecretResponse,
  QueuePointKind,
  signRollupHeader,
  walletActionsObscuroL1,
  type RollupHeader,
} from "../src/index.ts";
import { startDevL1, type DevL1 } from "./helpers/devL1.ts";

/**
 * Every transaction action of the SDK meets a real refusal on anvil, and the one send path turns
 * it into a `ContractCallRevertedError` whose `errorName` is the Solidity error, wherever in the
 * call it was raised (the action's contract, a module it calls, the council Safe's target), before
 * anything is sent: the sender's nonce does not move. (`submitDcapCollateral`, and a DCAP
 * verifier's refusal inside `registerNode`, are in dcap.anvil.test.ts.)
 */

type Wallet = ReturnType<DevL1["wallet"]>;

interface Refusal {
  /** The action, as on `walletActionsObscuroL1`. */
  action: string;
  /** The expected Solidity error. */
  errorName: string;
  /** Sets up (in an anvil snapshot, reverted afterwards) and returns the refused call and its sender. */
  run: () => Promise<{ sender: Wallet; call: () => Promise<unknown> }>;
}

describe("every transaction action refuses by the contract's error name, and sends nothing", () => {
  let l1: DevL1;
  let deployer: Wallet;
  let operator: Wallet;
  let stranger: Wallet;
  let founded: FoundDevNetworkReturnType;

  before(async () => {
    // The council is a Safe of the dev owners, so that council actions go through it; governance
    // is the deployer.
    l1 = await startDevL1({ deploy: { council: undefined } });
    [deployer, operator, stranger] = [l1.wallet(0), l1.wallet(1), l1.wallet(2)];
    founded = await foundDevNetwork(deployer, { operator: operator.account });
  });
  after(async () => l1?.stop());

  /** A header for a rollup nobody submitted. */
  const bogusHeader = (): RollupHeader => ({
    parentHash: keccak256(toHex("no such parent")),
    number: 7n,
    l1BlockNumber: 1n,
    l1BlockHash: keccak256(toHex("no such block")),
    depositCount: 0n,
    depositAcc: zeroHash,
    stateRoot: zeroHash,
    withdrawalRoot: zeroHash,
    dataHash: zeroHash,
    keyEpoch: 0,
    keyCommitment: zeroHash,
    enclaveId: founded.enclave.enclaveId,
  });

  /** The first rollup after genesis, signed by the genesis enclave, on the latest L1 block. */
  async function firstRollup() {
    const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: 0 });
    const chainId = l1.manifest.chainId;
    const rollupManagement = l1.manifest.contracts.RollupManagement;
    const payload = bytesToHex(
      encodeRollupPayload({ chainId, rollupContract: rollupManagement, keyEpoch: 0, transactions: [], epochKey }),
    );
    const block = await l1.publicClient.getBlock();
    const consumed = await l1.publicClient.getDepositsConsumedAt({ l1BlockNumber: block.number });
    const header: RollupHeader = {
      parentHash: (await l1.publicClient.getCanonicalHead()).hash,
      number: 1n,
      l1BlockNumber: block.number,
      l1BlockHash: block.hash,
      depositCount: consumed.depositCount,
      depositAcc: consumed.depositAcc,
      stateRoot: keccak256(toHex("state")),
      withdrawalRoot: zeroHash,
      dataHash: computeCalldataDataHash(payload),
      keyEpoch: 0,
      keyCommitment: keccak256(epochKey),
      enclaveId: founded.enclave.enclaveId,
    };
    const { signature } = await signRollupHeader({
      header,
      chainId,
      rollupManagement,
      enclavePrivateKey: founded.enclave.privateKey,
    });
    return { header, signature, payload };
  }

  /** Exit mode on the first rollup, through the council Safe. */
  async function frozen() {
    const rollup = await firstRollup();
    await l1.mined(operator.submitRollup({ ...rollup, data: { kind: "calldata", payload: rollup.payload } }));
    await l1.mined(deployer.freezeBridge({ header: rollup.header, signers: devCouncilSigners() }));
    return rollup;
  }

  const council = { signers: devCouncilSigners() };
  const nobody = privateKeyToAccount(generatePrivateKey());

  const refusals: Refusal[] = [
    // Bridge
    {
      action: "depositEth",
      errorName: "BridgeManagement_DepositsClosed",
      run: async () => {
        await l1.mined(deployer.pauseBridge({ duration: 3600n, ...council }));
        return { sender: stranger, call: () => stranger.depositEth({ to: stranger.account.address, amount: 1n }) };
      },
    },
    {
      action: "depositErc20",
      errorName: "ERC20InsufficientAllowance",
      run: async () => ({
        sender: deployer,
        call: () =>
          deployer.depositErc20({
            token: l1.manifest.contracts.ObscuroToken,
            to: deployer.account.address,
            amount: 5n,
          }),
      }),
    },
    {
      action: "depositErc721",
      errorName: "BridgeManagement_InvalidToken",
      run: async () => ({
        sender: stranger,
        call: () => stranger.depositErc721({ token: nobody.address, tokenId: 1n, to: stranger.account.address }),
      }),
    },
    {
      action: "finalizeWithdrawal",
      errorName: "RollupManagement_UnknownRollup",
      run: async () => ({
        sender: stranger,
        call: () =>
          stranger.finalizeWithdrawal({
            header: bogusHeader(),
            withdrawal: { id: 0n, recipient: nobody.address, kind: AssetKind.Eth, token: zeroAddress, amountOrId: 1n },
            proof: [],
          }),
      }),
    },
    {
      action: "exitWithBalanceProof",
      errorName: "BridgeManagement_NotFrozen",
      run: async () => ({
        sender: stranger,
        call: () =>
          stranger.exitWithBalanceProof({
            leaf: { account: nobody.address, kind: AssetKind.Eth, token: zeroAddress, amountOrId: 1n },
            proof: [],
          }),
      }),
    },
    {
      action: "refundDeposit",
      errorName: "BridgeManagement_NotFrozen",
      run: async () => {
        const point = { kind: QueuePointKind.Latest, seq: 0n, fromBlock: 0n, untilBlock: 0n, count: 0n, acc: zeroHash };
        return {
          sender: stranger,
          call: () => stranger.refundDeposit({ index: 0n, proof: { start: point, end: point, deposits: [] } }),
        };
      },
    },
    {
      action: "recordRefundPoints",
      errorName: "BridgeManagement_InvalidRefundRange",
      run: async () => {
        await frozen();
        const end = { kind: QueuePointKind.Latest, seq: 0n, fromBlock: 0n, untilBlock: 0n, count: 0n, acc: zeroHash };
        return {
          sender: stranger,
          call: () => stranger.recordRefundPoints({ chunk: { startCount: 0n, startAcc: zeroHash, deposits: [], end } }),
        };
      },
    },
    // Attestation (auditors)
    {
      action: "approveMeasurement",
      errorName: "EnclavePolicy_NotAuditor",
      run: async () => ({
        sender: stranger,
        call: () =>
          stranger.approveMeasurement({
            measurement: keccak256(toHex("a build nobody audited")),
            auditors: [nobody, privateKeyToAccount(generatePrivateKey())],
          }),
      }),
    },
    {
      action: "revokeMeasurement",
      errorName: "EnclavePolicy_NotAuditor",
      run: async () => ({
        sender: stranger,
        call: () =>
          stranger.revokeMeasurement({
            measurement: founded.measurement,
            auditors: [nobody, privateKeyToAccount(generatePrivateKey())],
          }),
      }),
    },
    // Council (through the Safe: the inner call's refusal, by name)
    {
      action: "pauseBridge",
      errorName: "BridgeManagement_InvalidPauseDuration",
      run: async () => ({ sender: stranger, call: () => stranger.pauseBridge({ duration: 0n, ...council }) }),
    },
    {
      action: "unpauseBridge",
      errorName: "BridgeManagement_NotPaused",
      run: async () => ({ sender: stranger, call: () => stranger.unpauseBridge(council) }),
    },
    {
      action: "freezeBridge",
      errorName: "RollupManagement_UnknownRollup",
      run: async () => ({ sender: stranger, call: () => stranger.freezeBridge({ header: bogusHeader(), ...council }) }),
    },
    {
      action: "declareBreach",
      errorName: "RollupManagement_BreachAlreadyDeclared",
      run: async () => {
        await l1.mined(deployer.declareBreach(council));
        return { sender: stranger, call: () => stranger.declareBreach(council) };
      },
    },
    {
      action: "orderKeyDisclosure",
      errorName: "RollupManagement_UnknownKeyEpoch",
      run: async () => ({ sender: stranger, call: () => stranger.orderKeyDisclosure({ keyEpoch: 9, ...council }) }),
    },
    {
      action: "revokeMeasurementByCouncil",
      errorName: "GovernedModule_NotCouncil",
      // Without the owners' signatures, straight from an account that is not the council.
      run: async () => ({
        sender: stranger,
        call: () => stranger.revokeMeasurementByCouncil({ measurement: founded.measurement }),
      }),
    },
    {
      action: "executeCouncilAction",
      errorName: "BridgeManagement_NotPaused",
      run: async () => ({
        sender: stranger,
        call: () =>
          stranger.executeCouncilAction({
            to: l1.manifest.contracts.BridgeManagement,
            data: encodeFunctionData({ abi: bridgeManagementAbi, functionName: "unpause" }),
            ...council,
          }),
      }),
    },
    // Network
    {
      action: "registerNode",
      errorName: "NetworkManagement_WrongFee",
      run: async () => {
        const enclave = generateEnclaveKey();
        const registration = await buildDevRegistration(l1.publicClient, {
          operator: stranger.account.address,
          enclavePublicKey: enclave.publicKey,
        });
        return { sender: stranger, call: () => stranger.registerNode({ ...registration, fee: 1n }) };
      },
    },
    {
      action: "reattest",
      errorName: "DevAttestationVerifier_InvalidLength",
      run: async () => ({
        sender: operator,
        call: () => operator.reattest({ report: "0x1234", l1BlockNumber: 1n }),
      }),
    },
    {
      action: "initializeNetwork",
      errorName: "NetworkManagement_NetworkAlreadyInitialized",
      run: async () => ({
        sender: operator,
        call: () =>
          operator.initializeNetwork({
            enclaveId: founded.enclave.enclaveId,
            encryptedSecret: toHex(new Uint8Array(129).fill(1)),
            networkKey: founded.networkKey.address,
            enclaveSignature: `0x${"11".repeat(65)}`,
            networkSignature: `0x${"11".repeat(65)}`,
          }),
      }),
    },
    {
      action: "respondSecret",
      errorName: "NetworkManagement_NotAwaitingSecret",
      run: async () => {
        const requester = generateEnclaveKey();
        const response = await prepareSecretResponse({
          chainId: l1.manifest.chainId,
          networkManagement: l1.manifest.contracts.NetworkManagement,
          masterSecret: founded.masterSecret,
          responderPrivateKey: founded.enclave.privateKey,
          requesterPublicKey: requester.publicKey,
        });
        return { sender: stranger, call: () => stranger.respondSecret(response) };
      },
    },
    {
      action: "cancelRegistration",
      errorName: "NetworkManagement_NotOperator",
      run: async () => ({
        sender: stranger,
        call: () => stranger.cancelRegistration({ enclaveId: generateEnclaveKey().enclaveId }),
      }),
    },
    {
      action: "deregisterNode",
      errorName: "NetworkManagement_NotOperator",
      run: async () => ({
        sender: stranger,
        call: () => stranger.deregisterNode({ enclaveId: founded.enclave.enclaveId }),
      }),
    },
    {
      action: "registerAggregator",
      errorName: "NetworkManagement_AlreadyAggregator",
      run: async () => ({
        sender: operator,
        call: () =>
          operator.registerAggregator({
            enclaveId: founded.enclave.enclaveId,
            hostAddress: "/ip4/10.0.0.2/tcp/30303",
            amount: 1n,
            authorization: "permit",
          }),
      }),
    },
    {
      action: "increaseStake",
      errorName: "NetworkManagement_NotAggregator",
      run: async () => {
        // The stranger has already allowed NetworkManagement its OBX, so no approval is sent first.
        await l1.mined(
          stranger.writeContract({
            address: l1.manifest.contracts.ObscuroToken,
            abi: erc20Abi,
            functionName: "approve",
            args: [l1.manifest.contracts.NetworkManagement, parseEther("1")],
          }),
        );
        return { sender: stranger, call: () => stranger.increaseStake({ amount: parseEther("1") }) };
      },
    },
    {
      action: "updateHostAddress",
      errorName: "NetworkManagement_NotAggregator",
      run: async () => ({
        sender: stranger,
        call: () => stranger.updateHostAddress({ hostAddress: "/ip4/1.2.3.4/tcp/1" }),
      }),
    },
    {
      action: "unstake",
      errorName: "NetworkManagement_NotAggregator",
      run: async () => ({ sender: stranger, call: () => stranger.unstake() }),
    },
    {
      action: "withdrawStake",
      errorName: "NetworkManagement_NothingToWithdraw",
      run: async () => ({ sender: stranger, call: () => stranger.withdrawStake() }),
    },
    // Rollups
    {
      action: "submitRollup",
      errorName: "RollupManagement_UnknownParent",
      run: async () => {
        const rollup = await firstRollup();
        const header = { ...rollup.header, parentHash: keccak256(toHex("no such parent")) };
        const { signature } = await signRollupHeader({
          header,
          chainId: l1.manifest.chainId,
          rollupManagement: l1.manifest.contracts.RollupManagement,
          enclavePrivateKey: founded.enclave.privateKey,
        });
        return {
          sender: operator,
          call: () => operator.submitRollup({ header, signature, data: { kind: "calldata", payload: rollup.payload } }),
        };
      },
    },
    {
      action: "discloseKey",
      errorName: "RollupManagement_UnknownKeyEpoch",
      run: async () => ({
        sender: stranger,
        call: () => stranger.discloseKey({ keyEpoch: 3, key: keccak256("0x01") }),
      }),
    },
    {
      action: "slashForkPublisher",
      errorName: "RollupManagement_NotSlashable",
      run: async () => ({ sender: stranger, call: () => stranger.slashForkPublisher({ header: bogusHeader() }) }),
    },
    {
      action: "slashInvalidRollup",
      errorName: "RollupSlashing_NotEnoughWitnesses",
      run: async () => ({
        sender: stranger,
        call: () => stranger.slashInvalidRollup({ header: bogusHeader(), testimonies: [] }),
      }),
    },
  ];

  it("covers every transaction action", () => {
    const writes = Object.keys(walletActionsObscuroL1()(deployer)).sort();
    // submitDcapCollateral: in dcap.anvil.test.ts. resolveContests: nothing to refuse (it only
    // applies what time decided, and returns when there is nothing to do).
    // The governance actions need the Governor, which this deployment (the deployer governs) has not:
    // their refusals by name are in roles.anvil.test.ts.
    const elsewhere = [
      "castVote",
      "createProposal",
      "executeProposal",
      "queueProposal",
      "resolveContests",
      "submitDcapCollateral",
    ];
    assert.deepEqual([...refusals.map((r) => r.action), ...elsewhere].sort(), writes);
  });

  for (const refusal of refusals) {
    it(`${refusal.action}: ${refusal.errorName}`, async () => {
      const snapshot = await l1.testClient.snapshot();
      try {
        const { sender, call } = await refusal.run();
        const nonce = await l1.publicClient.getTransactionCount({
          address: sender.account.address,
          blockTag: "pending",
        });
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(
          error instanceof ContractCallRevertedError,
          `expected a ContractCallRevertedError, got ${String(error)}`,
        );
        assert.equal(error.code, "CONTRACT_CALL_REVERTED");
        assert.equal(error.errorName, refusal.errorName);
        assert.equal(
          await l1.publicClient.getTransactionCount({ address: sender.account.address, blockTag: "pending" }),
          nonce,
          "nothing was sent",
        );
      } finally {
        await l1.testClient.revert({ id: snapshot });
      }
    });
  }
});
