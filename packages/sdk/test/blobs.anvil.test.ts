import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  bytesToHex,
  createPublicClient,
  createWalletClient,
  hexToBytes,
  http,
  parseEther,
  parseGwei,
  toBlobSidecars,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil, type AnvilInstance } from "../src/devtools/index.ts";
import {
  assertBlobVersionedHashes,
  buildRollupBlobs,
  computeCalldataDataHash,
  decodeBlobs,
  decodeRollupPayload,
  deriveRollupEpochKey,
  encodeRollupPayload,
  generateMasterSecret,
  getKzg,
} from "../src/index.ts";

/**
 * A test-only probe that computes a rollup's `dataHash` on chain, as the rollup contract will
 * (issue 5), and stores it in slot 0:
 *   blob mode (blobhash(0) != 0):  keccak256(blobhash(0) || blobhash(1) || … until blobhash(i) == 0)
 *   calldata mode:                 keccak256(calldata)
 *
 *   00 PUSH0 BLOBHASH PUSH1 0x0f JUMPI                       ; blobs attached → blob mode
 *   05 CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY                 ; mem[0:cs] = calldata
 *   09 CALLDATASIZE PUSH0 KECCAK256 PUSH0 SSTORE STOP        ; slot0 = keccak(calldata)
 *   0f JUMPDEST PUSH0                                        ; i = 0
 *   11 JUMPDEST DUP1 BLOBHASH DUP1 ISZERO PUSH1 0x24 JUMPI   ; h = blobhash(i); if h == 0 → end
 *   19 DUP2 PUSH1 5 SHL MSTORE PUSH1 1 ADD PUSH1 0x11 JUMP   ; mem[32i] = h; i++
 *   24 JUMPDEST POP PUSH1 5 SHL PUSH0 KECCAK256 PUSH0 SSTORE STOP ; slot0 = keccak(mem[0:32i])
 *
 * Init code `PUSH1 0x2e DUP1 PUSH1 0x09 PUSH0 CODECOPY PUSH0 RETURN` returns the 46-byte runtime.
 */
const PROBE_RUNTIME = "0x5f49600f57365f5f37365f205f55005b5f5b804980156024578160051b526001016011565b5060051b5f205f5500";
const PROBE_INITCODE = `0x602e8060095f395ff3${PROBE_RUNTIME.slice(2)}` as Hex;

async function signedTransfers(count: number): Promise<Uint8Array[]> {
  const senders = Array.from({ length: 10 }, () => privateKeyToAccount(generatePrivateKey()));
  return Promise.all(
    Array.from({ length: count }, async (_, i) =>
      hexToBytes(
        await senders[i % senders.length]!.signTransaction({
          chainId: 443,
          type: "eip1559",
          nonce: Math.floor(i / senders.length),
          to: senders[(i + 1) % senders.length]!.address,
          value: parseEther("0.001") * BigInt(1 + (i % 7)),
          gas: 21_000n,
          maxFeePerGas: parseGwei("2"),
          maxPriorityFeePerGas: parseGwei("1"),
          // a few contract calls with incompressible data, so the rollup spans several blobs
          data: i % 50 === 0 ? bytesToHex(randomBytes(8_000)) : undefined,
        }),
      ),
    ),
  );
}

for (const hardfork of ["osaka", "prague"] as const) {
  describe(`rollup payload in EIP-4844 blobs on anvil (${hardfork})`, () => {
    let anvil: AnvilInstance;
    let publicClient: PublicClient;
    let walletClient: WalletClient;
    let account: PrivateKeyAccount;
    let probe: Address;
    let transactions: Uint8Array[];
    const masterSecret = generateMasterSecret();
    const keyEpoch = 2n;
    const epochKey = deriveRollupEpochKey({ masterSecret, keyEpoch });

    before(async () => {
      getKzg();
      anvil = await startAnvil({ hardfork });
      account = privateKeyToAccount(anvil.accounts[0]!.privateKey);
      publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
      walletClient = createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) });
      const deployment = await walletClient.sendTransaction({ account, chain: foundry, data: PROBE_INITCODE });
      probe = (await publicClient.waitForTransactionReceipt({ hash: deployment })).contractAddress!;
      transactions = await signedTransfers(1_000);
    });
    after(async () => {
      await anvil?.stop();
    });

    it("carries an encrypted rollup in blobs, reads it back from anvil and decrypts it", async () => {
      const context = { chainId: anvil.chainId, rollupContract: probe, keyEpoch };
      const payload = encodeRollupPayload({ ...context, transactions, epochKey });
      const built = buildRollupBlobs({ payload });
      assert.ok(built.blobs.length >= 2, `expected a multi-blob rollup, got ${built.blobs.length}`);

      const hash = await walletClient.sendTransaction({
        account,
        chain: foundry,
        to: probe,
        // versioned hashes and sidecars already computed: viem then needs neither blobs nor kzg
        blobVersionedHashes: built.versionedHashes,
        sidecars: toBlobSidecars({
          blobs: built.blobs.map((blob) => bytesToHex(blob)),
          commitments: built.commitments,
          proofs: built.proofs,
        }),
        maxFeePerBlobGas: parseGwei("30"),
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, "success");
      assert.equal(receipt.blobGasUsed, BigInt(built.blobs.length) * 131_072n);

      // The versioned hashes the chain recorded are ours, and the EVM's blobhash() gives our dataHash.
      const transaction = await publicClient.getTransaction({ hash });
      assert.deepEqual(transaction.blobVersionedHashes, built.versionedHashes);
      assert.equal(await publicClient.getStorageAt({ address: probe, slot: "0x0" }), built.dataHash);

      // Read the blobs back the two ways anvil 1.7.1 offers, check them against the versioned
      // hashes (blob sources are untrusted), decode and decrypt.
      const byTransaction = (await publicClient.request({
        method: "anvil_getBlobsByTransactionHash",
        params: [hash],
      } as never)) as Hex[];
      const beacon = await fetch(`${anvil.rpcUrl}/eth/v1/beacon/blobs/${receipt.blockNumber}`);
      assert.equal(beacon.status, 200);
      const byBlock = ((await beacon.json()) as { data: Hex[] }).data;
      for (const blobs of [byTransaction, byBlock]) {
        assertBlobVersionedHashes({ blobs, versionedHashes: transaction.blobVersionedHashes! });
        const read = decodeBlobs({ blobs });
        assert.deepEqual(read, payload);
        assert.deepEqual(decodeRollupPayload({ ...context, payload: read, epochKey }), transactions);
      }
    });

    it("computes the calldata-mode dataHash as the EVM does", async () => {
      const context = { chainId: anvil.chainId, rollupContract: probe, keyEpoch };
      const payload = encodeRollupPayload({ ...context, transactions: transactions.slice(0, 20), epochKey });
      const hash = await walletClient.sendTransaction({
        account,
        chain: foundry,
        to: probe,
        data: bytesToHex(payload),
      });
      assert.equal((await publicClient.waitForTransactionReceipt({ hash })).status, "success");
      assert.equal(await publicClient.getStorageAt({ address: probe, slot: "0x0" }), computeCalldataDataHash(payload));
      const input = (await publicClient.getTransaction({ hash })).input;
      assert.deepEqual(decodeRollupPayload({ ...context, payload: input, epochKey }), transactions.slice(0, 20));
    });
  });
}
