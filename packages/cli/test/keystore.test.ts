import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encryptKeystoreJson, Wallet } from "ethers";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { decryptKeystore, encryptKeystore, InvalidKeystoreError, WrongPasswordError } from "../src/wallet/keystore.ts";

const VECTOR_KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

/** The Web3 Secret Storage definition's two test vectors (password "testpassword"). */
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

describe("keystore v3", () => {
  it("opens the Web3 Secret Storage test vectors (PBKDF2 and scrypt)", async () => {
    assert.equal((await decryptKeystore(PBKDF2_VECTOR, "testpassword")).privateKey, VECTOR_KEY);
    assert.equal((await decryptKeystore(SCRYPT_VECTOR, "testpassword")).privateKey, VECTOR_KEY);
  });

  it("refuses a wrong password and a malformed file with typed errors", async () => {
    await assert.rejects(decryptKeystore(PBKDF2_VECTOR, "wrong"), WrongPasswordError);
    await assert.rejects(decryptKeystore({ ...PBKDF2_VECTOR, version: 4 }, "testpassword"), InvalidKeystoreError);
    await assert.rejects(
      decryptKeystore({ ...PBKDF2_VECTOR, crypto: { ...PBKDF2_VECTOR.crypto, cipher: "aes-128-cbc" } }, "testpassword"),
      InvalidKeystoreError,
    );
  });

  it("writes keystores ethers v6 opens, and opens keystores ethers v6 writes", async () => {
    const key = generatePrivateKey();
    const mine = await encryptKeystore(key, "correct horse", { scryptN: 4096 });
    assert.equal(mine.address, privateKeyToAddress(key).slice(2).toLowerCase());
    const opened = await Wallet.fromEncryptedJson(JSON.stringify(mine), "correct horse");
    assert.equal(opened.privateKey, key);
    const pbkdf2 = await encryptKeystore(key, "pw", { kdf: "pbkdf2", pbkdf2Iterations: 1024 });
    assert.equal((await decryptKeystore(pbkdf2, "pw")).privateKey, key);
    const theirs = await encryptKeystoreJson({ address: privateKeyToAddress(key), privateKey: key }, "battery staple", {
      scrypt: { N: 4096 },
    });
    const back = await decryptKeystore(JSON.parse(theirs), "battery staple");
    assert.equal(back.privateKey, key);
    assert.equal(back.address, privateKeyToAddress(key));
  });
});
