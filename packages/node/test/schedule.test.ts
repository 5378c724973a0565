import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import { planSlot } from "../src/roles/schedule.ts";

const A = "0x000000000000000000000000000000000000000A" as Address;
const B = "0x000000000000000000000000000000000000000B" as Address;
const C = "0x000000000000000000000000000000000000000C" as Address;
const ranking = [{ enclaveId: A }, { enclaveId: B }, { enclaveId: C }];
const plan = (head: bigint, tickets = ranking) =>
  planSlot({ anchor: 100n, head, ranking: tickets, rollupIntervalBlocks: 3, takeoverBlocks: 2 });

describe("the sequencing timetable", () => {
  it("collects tickets in the anchor's block and the one after, and without tickets names nobody", () => {
    assert.deepEqual(plan(99n), { slot: 0, producer: undefined, phase: "collecting" });
    assert.deepEqual(plan(100n), { slot: 0, producer: undefined, phase: "collecting" });
    assert.deepEqual(plan(150n, []), { slot: 0, producer: undefined, phase: "collecting" });
  });

  it("gives the lowest ticket the first slot: it sequences for the interval, then publishes until the takeover", () => {
    assert.deepEqual(
      [101n, 102n, 103n, 104n, 105n].map((head) => plan(head)),
      [
        { slot: 0, producer: A, phase: "sequencing" },
        { slot: 0, producer: A, phase: "sequencing" },
        { slot: 0, producer: A, phase: "sequencing" },
        { slot: 0, producer: A, phase: "publishing" },
        { slot: 0, producer: A, phase: "publishing" },
      ],
    );
  });

  it("hands the next slots to the next tickets in order, wrapping around, never two producers at one block", () => {
    assert.equal(plan(106n).producer, B);
    assert.equal(plan(111n).producer, C);
    assert.equal(plan(116n).producer, A);
    for (let head = 101n; head < 200n; head++) {
      const slot = Number((head - 101n) / 5n);
      assert.equal(plan(head).producer, ranking[slot % 3]!.enclaveId, `block ${head}`);
    }
  });
});
