import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroHash, type Hex } from "viem";
import {
  AssetKind,
  buildDepositRangeProof,
  depositAccumulatorStep,
  isErrorWithCode,
  planRefundPoints,
  QueuePointKind,
  recordedCounts,
  REFUND_POINT_INTERVAL,
  type DepositQueueSnapshot,
  type QueuedDeposit,
} from "../src/index.ts";

/** A frozen queue of `count` ETH deposits whose frozen rollup consumed `frozenCount`. */
function queueOf(count: number, frozenCount: number, recorded: bigint[] = []): DepositQueueSnapshot {
  const deposits: QueuedDeposit[] = [];
  const accAt: Hex[] = [zeroHash];
  for (let i = 0; i < count; i++) {
    const from = getAddress(keccak256(toHex(`depositor ${i % 7}`)).slice(0, 42));
    const deposit = {
      kind: AssetKind.Eth,
      from,
      to: from,
      token: `0x${"00".repeat(20)}` as const,
      amountOrId: BigInt(i + 1),
    };
    deposits.push(deposit);
    accAt.push(depositAccumulatorStep(accAt[i]!, { ...deposit, index: BigInt(i) }));
  }
  return {
    count: BigInt(count),
    acc: accAt[count]!,
    deposits,
    accAt,
    checkpoints: [],
    frozen: {
      kind: QueuePointKind.Frozen,
      seq: 0n,
      fromBlock: 0n,
      untilBlock: 0n,
      count: BigInt(frozenCount),
      acc: accAt[frozenCount]!,
    },
    recorded: new Set(recorded),
  };
}

/** What the bridge would store after `chunks` are sent. */
function afterRecording(
  queue: DepositQueueSnapshot,
  chunks: ReturnType<typeof planRefundPoints>,
): DepositQueueSnapshot {
  const recorded = new Set(queue.recorded);
  for (const chunk of chunks)
    for (const c of recordedCounts(chunk.startCount, chunk.end.count)) if (c !== 0n) recorded.add(c);
  return { ...queue, recorded };
}

describe("refund points: planning and proofs", () => {
  it("walks back from the latest state in chunks on multiples of the chunk size, each chaining to the last", () => {
    const queue = queueOf(2_000, 3);
    const chunks = planRefundPoints(queue, { chunkSize: 512n });
    assert.deepEqual(
      chunks.map((c) => [c.startCount, c.end.count, c.end.kind]),
      [
        [1536n, 2000n, QueuePointKind.Latest],
        [1024n, 1536n, QueuePointKind.Recorded],
        [512n, 1024n, QueuePointKind.Recorded],
        [3n, 512n, QueuePointKind.Recorded],
      ],
    );
    for (const chunk of chunks) {
      // the chunk chains from its start to its end, as the bridge checks
      const index0 = chunk.startCount;
      const acc = chunk.deposits.reduce<Hex>(
        (a, d, i) => depositAccumulatorStep(a, { ...d, index: index0 + BigInt(i) }),
        chunk.startAcc,
      );
      assert.equal(acc, chunk.end.acc);
    }
    const done = afterRecording(queue, chunks);
    assert.deepEqual(planRefundPoints(done, { chunkSize: 512n }), [], "nothing left once recorded");
    for (let i = 3n; i < 2_000n; i++) {
      const proof = buildDepositRangeProof(done, i);
      assert.ok(BigInt(proof.deposits.length) <= REFUND_POINT_INTERVAL, `deposit ${i}: ${proof.deposits.length}`);
      assert.ok(proof.start.count <= i && i < proof.end.count);
    }
  });

  it("resumes where an interrupted keeper stopped, and needs nothing for a gap under one interval", () => {
    const queue = queueOf(1_500, 0);
    const [first, ...rest] = planRefundPoints(queue, { chunkSize: 512n });
    const resumed = planRefundPoints(afterRecording(queue, [first!]), { chunkSize: 512n });
    assert.deepEqual(resumed, rest);
    assert.deepEqual(planRefundPoints(queueOf(40, 10)), [], "a 30-deposit gap: the frozen point is close enough");
  });

  it("refuses to plan before a freeze or with a chunk of nothing", () => {
    assert.throws(
      () => planRefundPoints({ ...queueOf(10, 0), frozen: undefined }),
      (e) => isErrorWithCode(e, "INVALID_REFUND_PLAN"),
    );
    assert.throws(
      () => planRefundPoints(queueOf(100, 0), { chunkSize: 0n }),
      (e) => isErrorWithCode(e, "INVALID_REFUND_PLAN"),
    );
    assert.throws(
      () => buildDepositRangeProof(queueOf(10, 0), 10n),
      (e) => isErrorWithCode(e, "DEPOSIT_CHECKPOINT_NOT_FOUND"),
    );
  });
});
