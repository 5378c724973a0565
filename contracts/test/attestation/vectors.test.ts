import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { decodeDevReport, isErrorWithCode } from "@obscuro/sdk";
import { network } from "hardhat";
import type { ContractErrorName, Hex } from "viem";
import { buildAttestationVectors, type AttestationVectors } from "../../scripts/lib/attestationVectors.ts";

const VECTORS_URL = new URL("./vectors/dev-reports.json", import.meta.url);

describe("attestation test vectors", async () => {
  const committed = JSON.parse(await readFile(VECTORS_URL, "utf8")) as AttestationVectors;
  const { viem } = await network.create();

  it("are what the SDK builds today (regenerate with `npm run vectors -w @obscuro/contracts`)", async () => {
    assert.deepEqual(JSON.parse(JSON.stringify(await buildAttestationVectors())), committed);
  });

  it("decode in the SDK to the fields and result they were built from", async () => {
    for (const vector of committed.valid) {
      const decoded = await decodeDevReport({ report: vector.report, vendor: committed.vendor.address });
      assert.equal(decoded.body, vector.body, vector.name);
      assert.equal(decoded.digest, vector.digest, vector.name);
      assert.equal(decoded.signature, vector.signature, vector.name);
      assert.equal(decoded.signer, committed.vendor.address, vector.name);
      assert.deepEqual(decoded.result, vector.result, vector.name);
      assert.deepEqual(
        {
          ...decoded.fields,
          attributes: {
            flags: `0x${decoded.fields.attributes.flags.toString(16)}`,
            xfrm: `0x${decoded.fields.attributes.xfrm.toString(16)}`,
          },
        },
        vector.fields,
        vector.name,
      );
    }
  });

  it("are refused by the SDK with the matching error code", async () => {
    for (const vector of committed.invalid) {
      await assert.rejects(
        decodeDevReport({ report: vector.report, vendor: committed.vendor.address }),
        (error) => isErrorWithCode(error, vector.code),
        vector.name,
      );
    }
  });

  it("verify on chain to exactly the SDK's result, and are refused on chain with the matching error", async () => {
    const verifier = await viem.deployContract("DevAttestationVerifier", [committed.vendor.address]);
    for (const vector of committed.valid) {
      assert.equal(await verifier.read.reportDigest([vector.body]), vector.digest, vector.name);
      const result = await verifier.read.verify([vector.report]);
      assert.deepEqual({ ...result, measurement: result.measurement.toLowerCase() as Hex }, vector.result, vector.name);
    }
    for (const vector of committed.invalid) {
      await viem.assertions.revertWithCustomError(
        verifier.read.verify([vector.report]),
        verifier,
        vector.error.slice(0, vector.error.indexOf("(")) as ContractErrorName<typeof verifier.abi>,
      );
    }
  });
});
