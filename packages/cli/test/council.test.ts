import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isErrorWithCode } from "@obscuro/sdk";
import { DEV_COUNCIL_PRIVATE_KEYS } from "@obscuro/sdk/devtools";
import { parseEther } from "viem";
import { assertFails, jsonOf, obscuro, startCliNetwork, type CliNetwork } from "./helpers/cli.ts";

const HOUR = 3600;
const PAUSE_COOLDOWN = 3 * 24 * HOUR;

describe("obscuro council", () => {
  let net: CliNetwork;
  let owners: string[];
  let relayer: string;
  const file = (name: string) => join(net.dir, name);

  before(async () => {
    // The council is a Safe of the three dev owners, two of whom must sign.
    net = await startCliNetwork({ council: undefined });
    owners = await Promise.all(DEV_COUNCIL_PRIVATE_KEYS.map((key, i) => net.keyFile(`owner${i}`, key)));
    relayer = await net.account(6);
  });
  after(async () => net?.close());

  const sign = (owner: number, out: string, ...action: string[]) =>
    obscuro(["council", "sign", ...action, "--private-key-file", owners[owner]!, "--out", file(out), ...net.network]);
  const paused = async () => (await net.publicClient.getEmergencyStatus()).paused;

  it("pauses the bridge with two owners' signature files; the pause expires by itself", async () => {
    const [a, b] = await Promise.all([sign(0, "pause-a.json", "pause", "1h"), sign(1, "pause-b.json", "pause", "1h")]);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /Signed "pause the bridge for 1 h" as council owner 0x[0-9a-fA-F]{40}/);
    assert.equal(b.code, 0, b.stderr);

    const one = await obscuro([
      "council",
      "execute",
      "--signatures",
      file("pause-a.json"),
      "--private-key-file",
      relayer,
      ...net.network,
    ]);
    assertFails(one, 1, "TOO_FEW_SIGNATURES", /The council Safe needs 2 owners' signatures, and 1 was given\./);
    assert.equal(await paused(), false);

    const executed = jsonOf<{ summary: string; emergency: { paused: boolean } }>(
      await obscuro([
        "council",
        "pause",
        "1h",
        "--signatures",
        file("pause-a.json"),
        file("pause-b.json"),
        "--private-key-file",
        relayer,
        ...net.network,
        "--json",
      ]),
    );
    assert.equal(executed.summary, "pause the bridge for 1 h");
    assert.equal(executed.emergency.paused, true);
    await assert.rejects(
      net.wallet(2).depositEth({ to: net.anvil.accounts[2]!.address, amount: parseEther("1") }),
      (error) =>
        isErrorWithCode(error, "CONTRACT_CALL_REVERTED") && error.errorName === "BridgeManagement_DepositsClosed",
    );

    // The same files again: the Safe's nonce moved on, the signatures are spent.
    const replay = await obscuro([
      "council",
      "execute",
      "--signatures",
      file("pause-a.json"),
      file("pause-b.json"),
      "--private-key-file",
      relayer,
      ...net.network,
    ]);
    assertFails(
      replay,
      1,
      "SAFE_NONCE",
      /The signatures are for the Safe's nonce 0, and the Safe is at 1 \(it has executed since\): the owners must sign again\./,
    );

    await net.travel(HOUR + 1);
    const status = jsonOf<{ emergency: { paused: boolean; pausedUntil: string } }>(
      await obscuro(["status", ...net.network, "--json"]),
    );
    assert.equal(status.emergency.paused, false, "the pause ended by itself");
    assert.ok(BigInt(status.emergency.pausedUntil) > 0n);
  });

  it("pauses again after the cooldown with a signature made offline, then unpauses early", async () => {
    await net.travel(PAUSE_COOLDOWN);
    // Owner 0 signs offline: no --rpc, the Safe's nonce given; owner 2 signs online.
    const [offline, online] = await Promise.all([
      obscuro([
        "council",
        "sign",
        "pause",
        "1d",
        "--nonce",
        "1",
        "--manifest",
        net.manifestPath,
        "--private-key-file",
        owners[0]!,
        "--out",
        file("pause2-a.json"),
      ]),
      sign(2, "pause2-c.json", "pause", "86400"),
    ]);
    assert.equal(offline.code, 0, offline.stderr);
    assert.equal(online.code, 0, online.stderr);

    // These files pause; `council unpause` checks they sign what it is asked to do.
    const mismatch = await obscuro([
      "council",
      "unpause",
      "--signatures",
      file("pause2-a.json"),
      file("pause2-c.json"),
      "--private-key-file",
      relayer,
      ...net.network,
    ]);
    assertFails(
      mismatch,
      2,
      "SIGNATURES_DIFFER",
      /The signatures are for "pause the bridge for 1 d", not "unpause the bridge"\./,
    );

    const executed = await obscuro([
      "council",
      "execute",
      "--signatures",
      file("pause2-a.json"),
      file("pause2-c.json"),
      "--private-key-file",
      relayer,
      ...net.network,
    ]);
    assert.equal(executed.code, 0, executed.stderr);
    assert.match(executed.stdout, /Council executed: pause the bridge for 1 d\n\s+signed by/);
    assert.equal(await paused(), true);

    const [stranger, again, u1, u2] = await Promise.all([
      obscuro(["council", "sign", "unpause", "--private-key-file", relayer, "--out", file("x.json"), ...net.network]),
      sign(1, "pause3-b.json", "pause", "1h"),
      sign(1, "unpause-b.json", "unpause"),
      sign(2, "unpause-c.json", "unpause"),
    ]);
    assertFails(stranger, 1, "NOT_OWNER", /0x[0-9a-fA-F]{40} is not an owner of the council Safe 0x[0-9a-fA-F]{40}\./);
    assertFails(
      again,
      1,
      "COUNCIL_CALL_WOULD_FAIL",
      /The council cannot pause the bridge for 1 h now: the bridge is already paused until/,
    );
    assert.equal(u1.code, 0, u1.stderr);
    assert.equal(u2.code, 0, u2.stderr);

    const unpaused = await obscuro([
      "council",
      "unpause",
      "--signatures",
      file("unpause-b.json"),
      file("unpause-c.json"),
      "--private-key-file",
      relayer,
      ...net.network,
    ]);
    assert.equal(unpaused.code, 0, unpaused.stderr);
    assert.match(unpaused.stdout, /paused {5}no/);
    assert.equal(await paused(), false);
  });
});
