import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MeasurementStatus } from "@obscuro/sdk";
import { DEV_AUDITOR_PRIVATE_KEYS } from "@obscuro/sdk/devtools";
import { keccak256, toHex } from "viem";
import { assertFails, jsonOf, obscuro, startCliNetwork, type CliNetwork } from "./helpers/cli.ts";

describe("obscuro auditor", () => {
  let net: CliNetwork;
  let auditors: string[];
  let sender: string;
  const measurement = keccak256(toHex("enclave build 2"));

  before(async () => {
    net = await startCliNetwork();
    auditors = await Promise.all(DEV_AUDITOR_PRIVATE_KEYS.map((key, i) => net.keyFile(`auditor${i}`, key)));
    sender = await net.account(5);
  });
  after(async () => net?.close());

  it("approves a new measurement with two auditors' statement files, and refuses one short of the threshold", async () => {
    const file = (name: string) => join(net.dir, name);
    // Each auditor signs on their own machine, to their own file.
    const [a, b] = await Promise.all([
      obscuro([
        "auditor",
        "sign",
        measurement,
        "--private-key-file",
        auditors[0]!,
        "--out",
        file("a.json"),
        ...net.network,
      ]),
      obscuro([
        "auditor",
        "sign",
        measurement,
        "--private-key-file",
        auditors[1]!,
        "--out",
        file("b.json"),
        ...net.network,
        "--json",
      ]),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /Signed an approval of 0x[0-9a-f]{64} as auditor/);
    const statement = jsonOf(b);
    assert.equal(statement.statement, "ApproveMeasurement");
    assert.equal(statement.policyVersion, "1");
    assert.equal(
      BigInt(statement.deadline as string) % 86_400n,
      0n,
      "by default, the end of a UTC day: auditors agree",
    );

    // One statement is one short of the dev threshold (2): nothing is sent.
    const short = await obscuro([
      "auditor",
      "approve",
      "--signatures",
      file("a.json"),
      "--private-key-file",
      sender,
      ...net.network,
    ]);
    assertFails(short, 1, "TOO_FEW_SIGNATURES", /2 auditors must sign, and 1 statement was given\./);
    assert.equal(await net.publicClient.getMeasurementStatus({ measurement }), MeasurementStatus.Unknown);

    const approved = jsonOf(
      await obscuro([
        "auditor",
        "approve",
        "--signatures",
        file("a.json"),
        file("b.json"),
        "--private-key-file",
        sender,
        ...net.network,
        "--json",
      ]),
    );
    assert.equal(approved.status, "Approved");
    assert.equal(await net.publicClient.getMeasurementStatus({ measurement }), MeasurementStatus.Approved);

    // Again: the policy refuses, by name, and nothing is sent.
    const again = await obscuro([
      "auditor",
      "approve",
      "--signatures",
      file("a.json"),
      file("b.json"),
      "--private-key-file",
      sender,
      ...net.network,
      "--json",
    ]);
    const error = assertFails(
      again,
      1,
      "CONTRACT_CALL_REVERTED",
      /^✖ Measurement 0x[0-9a-f]{64} is already approved\.$/,
    );
    assert.equal(error.errorName, "EnclavePolicy_MeasurementAlreadyApproved");
  });

  it("refuses a tampered statement, a non-auditor's key, and signing offline without the policy version", async () => {
    const file = (name: string) => join(net.dir, name);
    const other = keccak256(toHex("enclave build 3"));
    const signed = await obscuro([
      "auditor",
      "sign",
      other,
      "--private-key-file",
      auditors[2]!,
      "--out",
      file("c.json"),
      ...net.network,
    ]);
    assert.equal(signed.code, 0, signed.stderr);
    const tampered = JSON.parse(await readFile(file("c.json"), "utf8")) as Record<string, string>;
    tampered.measurement = measurement;
    await writeFile(file("tampered.json"), JSON.stringify(tampered));

    const [forged, stranger, offline, exists] = await Promise.all([
      obscuro([
        "auditor",
        "approve",
        "--signatures",
        file("tampered.json"),
        file("a.json"),
        "--private-key-file",
        sender,
        ...net.network,
      ]),
      obscuro(["auditor", "sign", other, "--private-key-file", sender, "--out", file("d.json"), ...net.network]),
      obscuro([
        "auditor",
        "sign",
        other,
        "--private-key-file",
        auditors[0]!,
        "--out",
        file("e.json"),
        "--manifest",
        net.manifestPath,
      ]),
      obscuro(["auditor", "sign", other, "--private-key-file", auditors[2]!, "--out", file("c.json"), ...net.network]),
    ]);
    assertFails(
      forged,
      2,
      "STATEMENT_SIGNATURE",
      /The signature in .*tampered\.json is not 0x[0-9a-fA-F]{40}'s over its statement\./,
    );
    assertFails(
      stranger,
      1,
      "NOT_AUDITOR",
      /0x[0-9a-fA-F]{40} is not an auditor of the EnclavePolicy at 0x[0-9a-fA-F]{40}/,
    );
    assertFails(
      offline,
      2,
      "POLICY_VERSION_REQUIRED",
      /Signing offline needs the policy version: pass --policy-version N/,
    );
    assertFails(exists, 2, "FILE_EXISTS", /c\.json exists already/);
  });

  it("revokes a measurement with statements signed offline, for ever", async () => {
    const file = (name: string) => join(net.dir, name);
    // Offline: no --rpc, the policy version given; the manifest says which policy on which chain. The
    // auditors agreed on a deadline.
    const deadline = (BigInt(Math.floor(Date.now() / 1000)) + 86_400n).toString();
    const offline = ["--manifest", net.manifestPath, "--policy-version", "1", "--revoke", "--deadline", deadline];
    const [x, y] = await Promise.all([
      obscuro([
        "auditor",
        "sign",
        measurement,
        "--private-key-file",
        auditors[1]!,
        "--out",
        file("rx.json"),
        ...offline,
      ]),
      obscuro([
        "auditor",
        "sign",
        measurement,
        "--private-key-file",
        auditors[2]!,
        "--out",
        file("ry.json"),
        ...offline,
      ]),
    ]);
    assert.equal(x.code, 0, x.stderr);
    assert.equal(y.code, 0, y.stderr);
    // Approval files cannot revoke.
    const wrongKind = await obscuro([
      "auditor",
      "revoke",
      "--signatures",
      file("a.json"),
      file("b.json"),
      "--private-key-file",
      sender,
      ...net.network,
    ]);
    assertFails(wrongKind, 2, "STATEMENT_KIND", /a\.json approves a measurement: it cannot revoke one\./);

    const revoked = await obscuro([
      "auditor",
      "revoke",
      "--signatures",
      file("rx.json"),
      file("ry.json"),
      "--private-key-file",
      sender,
      ...net.network,
    ]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Revoked measurement 0x[0-9a-f]{64} \(now Revoked\)/);
    assert.equal(await net.publicClient.getMeasurementStatus({ measurement }), MeasurementStatus.Revoked);
    const status = jsonOf(await obscuro(["auditor", "status", measurement, ...net.network, "--json"]));
    assert.equal(status.status, "Revoked");
  });
});
