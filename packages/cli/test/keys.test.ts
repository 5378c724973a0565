import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { planProtocolDeployment, serializeManifest } from "@obscuro/sdk";
import { devAttestationSetup, devCouncilSettings, DEV_AUDITOR_PRIVATE_KEYS } from "@obscuro/sdk/devtools";
import { keccak256, toHex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { CliError } from "../src/util/errors.ts";
import { decryptKeystore, encryptKeystore } from "../src/util/keys.ts";
import { assertFails, jsonOf, obscuro } from "./helpers/cli.ts";

/** The two test vectors of the Web3 Secret Storage Definition (password `testpassword`). */
const SPEC_KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const PBKDF2_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const SCRYPT_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

const codeOf = (error: unknown) => (error instanceof CliError ? error.code : String(error));

describe("keys: Ethereum keystores (v3)", () => {
  it("opens the specification's PBKDF2 and scrypt test vectors", () => {
    assert.equal(decryptKeystore(PBKDF2_VECTOR, "testpassword"), SPEC_KEY);
    assert.equal(decryptKeystore(SCRYPT_VECTOR, "testpassword"), SPEC_KEY);
  });

  it("refuses a wrong password, a changed ciphertext and a keystore that lies about its address", () => {
    assert.throws(
      () => decryptKeystore(PBKDF2_VECTOR, "wrong"),
      (e) => codeOf(e) === "KEYSTORE_PASSWORD",
    );
    const changed = structuredClone(PBKDF2_VECTOR);
    changed.crypto.ciphertext = `00${changed.crypto.ciphertext.slice(2)}`;
    assert.throws(
      () => decryptKeystore(changed, "testpassword"),
      (e) => codeOf(e) === "KEYSTORE_PASSWORD",
    );
    const lying = { ...PBKDF2_VECTOR, address: "0x0000000000000000000000000000000000000001" };
    assert.throws(
      () => decryptKeystore(lying, "testpassword"),
      (e) => codeOf(e) === "KEY_FILE",
    );
    assert.throws(
      () => decryptKeystore({ version: 1 }, "x"),
      (e) => codeOf(e) === "KEY_FILE",
    );
  });

  it("writes keystores it (and geth) can open, with either KDF", () => {
    const key = keccak256(toHex("a key"));
    for (const kdf of ["scrypt", "pbkdf2"] as const) {
      const keystore = encryptKeystore(key, "pässword", { kdf, cost: kdf === "scrypt" ? 1024 : 1000 });
      assert.equal(`0x${keystore.address}`, privateKeyToAddress(key).toLowerCase());
      assert.equal(decryptKeystore(JSON.parse(JSON.stringify(keystore)), "pässword"), key);
    }
  });
});

describe("keys on the command line", () => {
  let dir: string;
  let manifest: string;
  const auditorKey = DEV_AUDITOR_PRIVATE_KEYS[0]!;
  const measurement = keccak256(toHex("a build"));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "obscuro-keys-"));
    // A manifest is all an offline signature needs: which policy, on which chain.
    const { manifest: planned } = planProtocolDeployment({
      deployer: privateKeyToAddress(keccak256(toHex("deployer"))),
      nonce: 0,
      chainId: 31337,
      attestation: devAttestationSetup(),
      councilSettings: devCouncilSettings(),
    });
    manifest = join(dir, "manifest.json");
    await writeFile(
      manifest,
      serializeManifest({ ...planned, deployBlock: 1n, deployedAt: new Date(0).toISOString() }),
    );
    await writeFile(
      join(dir, "auditor.json"),
      JSON.stringify(encryptKeystore(auditorKey, "correct horse", { cost: 4096 })),
    );
    await writeFile(join(dir, "password"), "correct horse\n");
    await writeFile(join(dir, "wrong"), "battery staple\n");
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("signs with a keystore and its password file, and refuses a wrong password or a key on the command line", async () => {
    const sign = (...args: string[]) =>
      obscuro(["auditor", "sign", measurement, "--manifest", manifest, "--policy-version", "1", ...args]);
    const [signed, wrong, both, onCommandLine, none] = await Promise.all([
      sign(
        "--keystore",
        join(dir, "auditor.json"),
        "--password-file",
        join(dir, "password"),
        "--out",
        join(dir, "s.json"),
        "--json",
      ),
      sign(
        "--keystore",
        join(dir, "auditor.json"),
        "--password-file",
        join(dir, "wrong"),
        "--out",
        join(dir, "t.json"),
      ),
      sign(
        "--keystore",
        join(dir, "auditor.json"),
        "--private-key-file",
        join(dir, "password"),
        "--out",
        join(dir, "u.json"),
      ),
      sign("--private-key", auditorKey, "--out", join(dir, "v.json")),
      sign("--out", join(dir, "w.json")),
    ]);
    assert.equal(jsonOf(signed).signer, privateKeyToAddress(auditorKey));
    assertFails(wrong, 2, "KEYSTORE_PASSWORD", /The password does not open the keystore .*auditor\.json\./);
    assertFails(both, 2, "KEY_OPTIONS", /Give either --private-key-file or --keystore, not both\./);
    assert.equal(onCommandLine.code, 1, onCommandLine.stderr);
    assert.match(onCommandLine.stderr, /unknown option '--private-key'/);
    assertFails(
      none,
      2,
      "KEY_REQUIRED",
      /This command needs the key of the auditor: pass --private-key-file or --keystore\./,
    );
  });
});
