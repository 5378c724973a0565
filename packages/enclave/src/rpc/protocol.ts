import { z } from "zod";
import { wire } from "./codec.ts";

/**
 * The enclave's RPC: every method the host may call, with the schema its parameters and its
 * result are checked against on both sides. Nothing secret crosses it: the host gets public data,
 * ciphertext and signatures only.
 */

const header = z.object({
  parentHash: wire.hash,
  number: wire.bigint,
  l1BlockNumber: wire.bigint,
  l1BlockHash: wire.hash,
  depositCount: wire.bigint,
  depositAcc: wire.hash,
  stateRoot: wire.hash,
  withdrawalRoot: wire.hash,
  dataHash: wire.hash,
  keyEpoch: z.number().int().nonnegative(),
  keyCommitment: wire.hash,
  enclaveId: wire.address,
});

const safeTip = z.object({ rollupHash: wire.hash, number: wire.bigint, keyEpoch: z.number(), l2Block: wire.bigint });

const l1Block = z.object({ number: wire.bigint, hash: wire.hash, parentHash: wire.hash, timestamp: wire.bigint });

const rpcHeader = z
  .object({
    hash: wire.hash,
    parentHash: wire.hash,
    sha3Uncles: wire.hash,
    miner: wire.address,
    stateRoot: wire.hash,
    transactionsRoot: wire.hash,
    receiptsRoot: wire.hash,
    logsBloom: wire.hex,
    difficulty: wire.quantity,
    number: wire.quantity,
    gasLimit: wire.quantity,
    gasUsed: wire.quantity,
    timestamp: wire.quantity,
    extraData: wire.hex,
    mixHash: wire.hash,
    nonce: wire.hex,
    baseFeePerGas: wire.quantity.optional(),
    withdrawalsRoot: wire.hash.optional(),
    blobGasUsed: wire.quantity.optional(),
    excessBlobGas: wire.quantity.optional(),
    parentBeaconBlockRoot: wire.hash.optional(),
    requestsHash: wire.hash.optional(),
  })
  .loose();

const rpcReceipt = z
  .object({
    type: wire.quantity,
    status: wire.quantity,
    cumulativeGasUsed: wire.quantity,
    logsBloom: wire.hex,
    logs: z.array(z.object({ address: wire.address, topics: z.array(wire.hash), data: wire.hex }).loose()),
    transactionHash: wire.hash.optional(),
  })
  .loose();

const testimony = z.object({ witness: wire.address, signature: wire.hex });

const rollupStatus = z.enum(["pending", "applied", "invalid", "ignored"]);

/** A rollup the enclave processed: applied, or invalid with why and its testimony. */
const processedRollup = z.object({
  rollupHash: wire.hash,
  status: rollupStatus,
  reason: z.string().optional(),
  testimony: testimony.optional(),
});

export const enclaveProtocol = {
  getStatus: {
    params: z.object({}),
    result: z.object({
      enclaveId: wire.address,
      publicKey: wire.hex,
      attestation: z.string(),
      hasSecret: z.boolean(),
      networkKey: wire.address.nullable(),
      networkPublicKey: wire.hex.nullable(),
      l1Head: l1Block.nullable(),
      l2Head: z.object({ number: wire.bigint, hash: wire.hash, l1BlockNumber: wire.bigint }),
      safe: safeTip,
      mempool: z.number(),
      pendingRollups: z.number(),
      nextDepositIndex: wire.bigint,
      depositsSeen: wire.bigint,
    }),
  },
  attest: {
    params: z.object({ operator: wire.address, l1BlockNumber: wire.bigint, l1BlockHash: wire.hash }),
    result: z.object({ report: wire.hex }),
  },
  createNetwork: {
    params: z.object({}),
    result: z.object({
      enclaveId: wire.address,
      encryptedSecret: wire.hex,
      networkKey: wire.address,
      enclaveSignature: wire.hex,
      networkSignature: wire.hex,
    }),
  },
  installSecret: {
    params: z.object({ encryptedSecret: wire.hex }),
    result: z.object({ networkKey: wire.address }),
  },
  respondToSecretRequest: {
    params: z.object({
      requesterPublicKey: wire.hex,
      report: wire.hex,
      operator: wire.address,
      l1BlockNumber: wire.bigint,
      l1BlockHash: wire.hash,
    }),
    result: z.object({
      requester: wire.address,
      responder: wire.address,
      encryptedSecret: wire.hex,
      responderSignature: wire.hex,
      networkSignature: wire.hex,
    }),
  },
  feedL1Block: {
    params: z.object({
      header: rpcHeader,
      receipts: z.array(rpcReceipt).optional(),
      rollups: z.array(
        z.object({
          transactionHash: wire.hash,
          input: wire.hex,
          blobs: z.array(z.object({ versionedHash: wire.hash, blob: wire.hex })),
        }),
      ),
    }),
    result: z.object({
      number: wire.bigint,
      hash: wire.hash,
      duplicate: z.boolean(),
      reorgedTo: wire.bigint.optional(),
      deposits: z.number(),
      rollups: z.array(processedRollup),
    }),
  },
  replayPending: {
    params: z.object({}),
    result: z.object({ rollups: z.array(processedRollup), pending: z.number() }),
  },
  drawTicket: {
    params: z.object({ l1BlockNumber: wire.bigint }),
    result: z.object({ enclaveId: wire.address, l1BlockNumber: wire.bigint, nonce: wire.hash, signature: wire.hex }),
  },
  submitTransaction: {
    params: z.object({ encrypted: wire.hex }),
    result: z.union([
      z.object({ accepted: z.literal(true), hash: wire.hash }),
      z.object({ accepted: z.literal(false), reason: z.string(), hash: wire.hash.optional() }),
    ]),
  },
  pendingTransactions: {
    params: z.object({ hashes: z.array(wire.hash).max(10_000) }),
    result: z.object({ pending: z.array(wire.hash) }),
  },
  produceBatch: {
    params: z.object({ timestamp: wire.bigint, coinbase: wire.address, force: z.boolean().optional() }),
    result: z
      .object({
        number: wire.bigint,
        hash: wire.hash,
        transactions: z.number(),
        deposits: z.number(),
        gossip: wire.hex,
      })
      .nullable(),
  },
  applyBatch: {
    params: z.object({ gossip: wire.hex }),
    result: z.object({
      verdict: z.enum(["accept", "ignore", "reject"]),
      number: wire.bigint.optional(),
      sequencer: wire.address.optional(),
      reason: z.string().optional(),
    }),
  },
  buildRollup: {
    params: z.object({ mode: z.enum(["blobs", "calldata"]), rotateKey: z.boolean().optional() }),
    result: z.object({
      rollupHash: wire.hash,
      header,
      signature: wire.hex,
      firstBlock: wire.bigint,
      lastBlock: wire.bigint,
      data: z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("blobs"),
          blobs: z.array(wire.hex),
          commitments: z.array(wire.hex),
          proofs: z.array(wire.hex),
          versionedHashes: z.array(wire.hash),
        }),
        z.object({ kind: z.literal("calldata"), payload: wire.hex }),
      ]),
    }),
  },
  getRollup: {
    params: z.object({ rollupHash: wire.hash }),
    result: z
      .object({
        rollupHash: wire.hash,
        header,
        publisher: wire.address,
        l1BlockNumber: wire.bigint,
        status: rollupStatus,
        firstBlock: wire.bigint.optional(),
        lastBlock: wire.bigint.optional(),
        reason: z.string().optional(),
        testimony: testimony.optional(),
        order: wire.bigint,
      })
      .nullable(),
  },
  publicRequest: {
    params: z.object({ method: z.string().max(64), params: z.array(z.unknown()).max(16) }),
    result: z.union([
      z.object({ result: z.unknown() }),
      z.object({ error: z.object({ code: z.number(), message: z.string(), data: wire.hex.optional() }) }),
    ]),
  },
  privateRequest: {
    params: z.object({ encrypted: wire.hex }),
    result: z.object({ encrypted: wire.hex }),
  },
};

export type EnclaveProtocol = typeof enclaveProtocol;

/** A rollup the enclave processed, as `feedL1Block` and `replayPending` report it. */
export type ProcessedRollup = z.infer<typeof processedRollup>;
