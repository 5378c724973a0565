import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  concat,
  createWalletClient,
  custom,
  decodeFunctionData,
  encodeAbiParameters,
  keccak256,
  recoverAddress,
  toHex,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  hashInvalidRollupTestimony,
  isErrorWithCode,
  rollupSlashingAbi,
  signInvalidRollupTestimony,
  slashInvalidRollup,
  type RollupHeader,
} from "../../src/index.ts";

const CHAIN_ID = 31337;
const ROLLUP_SLASHING: Address = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const ROLLUP_HASH = keccak256(toHex("a rollup"));

/** The digest written out from docs/rollups.md, independently of viem's typed-data code. */
function referenceDigest(rollupHash: Hex, chainId: number, verifyingContract: Address): Hex {
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
      [
        keccak256(toHex("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
        keccak256(toHex("Obscuro RollupSlashing")),
        keccak256(toHex("1")),
        BigInt(chainId),
        verifyingContract,
      ],
    ),
  );
  const structHash = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }],
      [keccak256(toHex("InvalidRollup(bytes32 rollupHash)")), rollupHash],
    ),
  );
  return keccak256(concat(["0x1901", domainSeparator, structHash]));
}

const HEADER: RollupHeader = {
  parentHash: zeroHash,
  number: 1n,
  l1BlockNumber: 1n,
  l1BlockHash: keccak256("0x01"),
  depositCount: 0n,
  depositAcc: zeroHash,
  stateRoot: keccak256("0x02"),
  withdrawalRoot: zeroHash,
  dataHash: keccak256("0x03"),
  keyEpoch: 0,
  keyCommitment: zeroHash,
  enclaveId: privateKeyToAddress(generatePrivateKey()),
};

/** A wallet over a fake node: records what would be sent, answers every call with success. */
function recordingWallet() {
  const sent: { method: string; data: Hex | undefined }[] = [];
  const walletClient = createWalletClient({
    account: "0x000000000000000000000000000000000000dEaD",
    chain: hardhat,
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        const tx = Array.isArray(params) ? (params[0] as { data?: Hex; input?: Hex }) : undefined;
        sent.push({ method, data: tx?.data ?? tx?.input });
        if (method === "eth_chainId") return toHex(CHAIN_ID);
        if (method === "eth_estimateGas") return "0x100000";
        if (method === "eth_sendTransaction") return keccak256("0xaa");
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
  return { walletClient, sent };
}

describe("invalid-rollup testimony", () => {
  it("hashes InvalidRollup(rollupHash) as docs/rollups.md specifies, bound to chain and contract", () => {
    const digest = hashInvalidRollupTestimony({
      rollupHash: ROLLUP_HASH,
      chainId: CHAIN_ID,
      rollupSlashing: ROLLUP_SLASHING,
    });
    assert.equal(digest, referenceDigest(ROLLUP_HASH, CHAIN_ID, ROLLUP_SLASHING));
    assert.notEqual(
      digest,
      hashInvalidRollupTestimony({ rollupHash: ROLLUP_HASH, chainId: 1, rollupSlashing: ROLLUP_SLASHING }),
    );
    assert.notEqual(
      digest,
      hashInvalidRollupTestimony({ rollupHash: zeroHash, chainId: CHAIN_ID, rollupSlashing: ROLLUP_SLASHING }),
    );
  });

  it("signs with the enclave key: the signature recovers the witness", async () => {
    const key = generatePrivateKey();
    const testimony = await signInvalidRollupTestimony({
      rollupHash: ROLLUP_HASH,
      chainId: CHAIN_ID,
      rollupSlashing: ROLLUP_SLASHING,
      enclavePrivateKey: key,
    });
    assert.equal(testimony.witness, privateKeyToAddress(key));
    assert.equal((testimony.signature.length - 2) / 2, 65);
    const recovered = await recoverAddress({
      hash: referenceDigest(ROLLUP_HASH, CHAIN_ID, ROLLUP_SLASHING),
      signature: testimony.signature,
    });
    assert.equal(recovered, testimony.witness);
  });

  it("sends the signatures sorted by witness, whatever order they come in", async () => {
    const testimonies = await Promise.all(
      [1, 2, 3].map(() =>
        signInvalidRollupTestimony({
          rollupHash: ROLLUP_HASH,
          chainId: CHAIN_ID,
          rollupSlashing: ROLLUP_SLASHING,
          enclavePrivateKey: generatePrivateKey(),
        }),
      ),
    );
    const sortedWitnesses = testimonies.map((t) => BigInt(t.witness)).sort((a, b) => (a < b ? -1 : 1));
    const { walletClient, sent } = recordingWallet();
    await slashInvalidRollup(walletClient, {
      rollupSlashingAddress: ROLLUP_SLASHING,
      header: HEADER,
      testimonies: [...testimonies].reverse(),
    });
    const transaction = sent.find((r) => r.method === "eth_sendTransaction");
    assert.ok(transaction?.data, "the transaction was sent");
    const { functionName, args } = decodeFunctionData({ abi: rollupSlashingAbi, data: transaction.data });
    assert.equal(functionName, "slashInvalidRollup");
    const signatures = args[1] as readonly Hex[];
    const digest = referenceDigest(ROLLUP_HASH, CHAIN_ID, ROLLUP_SLASHING);
    const signers = await Promise.all(signatures.map((signature) => recoverAddress({ hash: digest, signature })));
    assert.deepEqual(signers.map(BigInt), sortedWitnesses);
  });

  it("refuses two testimonies of one witness before sending anything", async () => {
    const testimony = await signInvalidRollupTestimony({
      rollupHash: ROLLUP_HASH,
      chainId: CHAIN_ID,
      rollupSlashing: ROLLUP_SLASHING,
      enclavePrivateKey: generatePrivateKey(),
    });
    const { walletClient, sent } = recordingWallet();
    await assert.rejects(
      slashInvalidRollup(walletClient, {
        rollupSlashingAddress: ROLLUP_SLASHING,
        header: HEADER,
        testimonies: [testimony, { ...testimony, witness: testimony.witness.toLowerCase() as Address }],
      }),
      (error) => isErrorWithCode(error, "DUPLICATE_WITNESS"),
    );
    assert.deepEqual(sent, []);
  });
});
