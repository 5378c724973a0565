import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isKeyRotationDue } from "../src/roles/keyRotation.ts";

describe("when a rollup opens a new key epoch", () => {
  const hour = 3600n;
  const committedAt = 1_000_000n;

  it("keeps the epoch until a tenth of the period before it is due, then rotates", () => {
    const due = committedAt + 10n * hour;
    const at = (now: bigint) => isKeyRotationDue({ now, committedAt, keyRotationPeriod: 10n * hour });
    assert.equal(at(committedAt), false, "just opened");
    assert.equal(at(due - hour - 1n), false, "a second before the margin");
    assert.equal(at(due - hour), true, "the margin reached");
    assert.equal(at(due), true, "due: L1 would refuse a rollup that kept the epoch");
    assert.equal(at(due + 100n * hour), true, "long overdue (a network that stood still)");
  });

  it("never rotates an epoch L1 has not recorded yet", () => {
    assert.equal(isKeyRotationDue({ now: 10n ** 12n, committedAt: 0n, keyRotationPeriod: hour }), false);
  });
});
