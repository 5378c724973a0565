import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { bridgeVectors } from "../scripts/generate-bridge-vectors.ts";

/** The committed bridge vectors are what the SDK produces today (the contract checks them too). */
describe("bridge vectors", () => {
  it("match the committed file", async () => {
    const committed = JSON.parse(
      await readFile(new URL("../../../contracts/test/bridge/vectors/bridge-vectors.json", import.meta.url), "utf8"),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(bridgeVectors())), committed);
  });
});
