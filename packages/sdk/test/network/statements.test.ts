import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  encodeAbiParameters,
  getAddress,
  hashTypedData,
  keccak256,
  recoverTypedDataAddress,
  toHex,
  concat,
  type Address,
  type Hex,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  decryptMasterSecret,
  deriveNetworkKey,
  ENCRYPTED_SECRET_LENGTH,
  generateEnclaveKey,
  generateMasterSecret,
  getInitializeNetworkTypedData,
  getSecretResponseTypedData,
  isErrorWithCode,
  prepareNetworkInitialization,
  prepareSecretResponse,
  registerAggregator,
  updateHostAddress,
  initializeNetwork,
} from "../../src/index.ts";

const CHAIN_ID = 31337;
const NETWORK_MANAGEMENT: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** EIP-712 hashing written out from docs/network.md, independently of viem's typed-data code. */
function referenceDigest(structHash: Hex): Hex {
  const domainTypehash = keccak256(
    toHex("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
  );
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
      [
        domainTypehash,
        keccak256(toHex("Obscuro NetworkManagement")),
        keccak256(toHex("1")),
        BigInt(CHAIN_ID),
        NETWORK_MANAGEMENT,
      ],
    ),
  );
  return keccak256(concat(["0x1901", domainSeparator, structHash]));
}

/** A wallet that must never be used: the calls under test refuse before sending anything. */
const unusedWallet = new Proxy(
  {},
  {
    get() {
      throw new Error("the wallet was used");
    },
  },
) as WalletClient;

describe("NetworkManagement statements", () => {
  it("hashes InitializeNetwork and SecretResponse as docs/network.md specifies", () => {
    const encryptedSecret = toHex(new Uint8Array(ENCRYPTED_SECRET_LENGTH).map((_, i) => i));
    const networkKey = getAddress("0x00000000000000000000000000000000000000aa");
    const init = getInitializeNetworkTypedData({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      encryptedSecret,
      networkKey,
    });
    assert.equal(
      hashTypedData(init),
      referenceDigest(
        keccak256(
          encodeAbiParameters(
            [{ type: "bytes32" }, { type: "bytes32" }, { type: "address" }],
            [
              keccak256(toHex("InitializeNetwork(bytes32 encryptedSecretHash,address networkKey)")),
              keccak256(encryptedSecret),
              networkKey,
            ],
          ),
        ),
      ),
    );
    const requester = getAddress("0x00000000000000000000000000000000000000b1");
    const responder = getAddress("0x00000000000000000000000000000000000000b2");
    const response = getSecretResponseTypedData({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      requester,
      responder,
      encryptedSecret,
    });
    assert.equal(
      hashTypedData(response),
      referenceDigest(
        keccak256(
          encodeAbiParameters(
            [{ type: "bytes32" }, { type: "address" }, { type: "address" }, { type: "bytes32" }],
            [
              keccak256(toHex("SecretResponse(address requester,address responder,bytes32 encryptedSecretHash)")),
              requester,
              responder,
              keccak256(encryptedSecret),
            ],
          ),
        ),
      ),
    );
  });

  it("prepares a genesis: a ciphertext only the genesis enclave opens, signed by it and by the network key", async () => {
    const genesis = generateEnclaveKey();
    const masterSecret = generateMasterSecret();
    const init = await prepareNetworkInitialization({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      masterSecret,
      enclavePrivateKey: genesis.privateKey,
    });
    const networkKey = deriveNetworkKey({ masterSecret });
    assert.equal(init.enclaveId, genesis.enclaveId);
    assert.equal(init.networkKey, networkKey.address);
    assert.equal((init.encryptedSecret.length - 2) / 2, ENCRYPTED_SECRET_LENGTH);
    const opened = decryptMasterSecret({
      ciphertext: init.encryptedSecret,
      privateKey: genesis.privateKey,
      expectedNetworkKey: init.networkKey,
    });
    assert.equal(opened.masterSecret, masterSecret);
    const typedData = getInitializeNetworkTypedData({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      encryptedSecret: init.encryptedSecret,
      networkKey: init.networkKey,
    });
    assert.equal(await recoverTypedDataAddress({ ...typedData, signature: init.enclaveSignature }), genesis.enclaveId);
    assert.equal(await recoverTypedDataAddress({ ...typedData, signature: init.networkSignature }), networkKey.address);
  });

  it("prepares a response: encrypted to the requester, signed by the responder and the network key", async () => {
    const masterSecret = generateMasterSecret();
    const responder = generateEnclaveKey();
    const requester = generateEnclaveKey();
    const response = await prepareSecretResponse({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      masterSecret,
      responderPrivateKey: responder.privateKey,
      requesterPublicKey: requester.publicKey,
      expectedNetworkKey: deriveNetworkKey({ masterSecret }).address,
    });
    assert.equal(response.requester, requester.enclaveId);
    assert.equal(response.responder, responder.enclaveId);
    assert.equal(
      decryptMasterSecret({ ciphertext: response.encryptedSecret, privateKey: requester.privateKey }).masterSecret,
      masterSecret,
    );
    assert.throws(
      () => decryptMasterSecret({ ciphertext: response.encryptedSecret, privateKey: responder.privateKey }),
      (error) => isErrorWithCode(error, "ECIES_DECRYPTION_FAILED"),
      "only the requester opens it",
    );
    const typedData = getSecretResponseTypedData({
      chainId: CHAIN_ID,
      networkManagement: NETWORK_MANAGEMENT,
      ...response,
    });
    assert.equal(
      await recoverTypedDataAddress({ ...typedData, signature: response.responderSignature }),
      responder.enclaveId,
    );
    assert.equal(
      await recoverTypedDataAddress({ ...typedData, signature: response.networkSignature }),
      deriveNetworkKey({ masterSecret }).address,
    );
  });

  it("refuses to respond with a secret that is not the network's", async () => {
    await assert.rejects(
      prepareSecretResponse({
        chainId: CHAIN_ID,
        networkManagement: NETWORK_MANAGEMENT,
        masterSecret: generateMasterSecret(),
        responderPrivateKey: generateEnclaveKey().privateKey,
        requesterPublicKey: generateEnclaveKey().publicKey,
        expectedNetworkKey: privateKeyToAccount(keccak256("0x01")).address,
      }),
      (error) => isErrorWithCode(error, "NETWORK_KEY_MISMATCH"),
    );
  });

  it("refuses a requester key that is not on the curve", async () => {
    await assert.rejects(
      prepareSecretResponse({
        chainId: CHAIN_ID,
        networkManagement: NETWORK_MANAGEMENT,
        masterSecret: generateMasterSecret(),
        responderPrivateKey: generateEnclaveKey().privateKey,
        requesterPublicKey: toHex(new Uint8Array(64).fill(1)),
      }),
      (error) => isErrorWithCode(error, "INVALID_PUBLIC_KEY"),
    );
  });

  it("refuses host addresses and ciphertexts the contract would refuse, before sending anything", async () => {
    const base = { networkManagementAddress: NETWORK_MANAGEMENT };
    // 129 two-byte characters are 258 bytes of UTF-8: too long although only 129 characters.
    for (const hostAddress of ["", "x".repeat(257), "é".repeat(129)]) {
      await assert.rejects(updateHostAddress(unusedWallet, { ...base, hostAddress }), (error) =>
        isErrorWithCode(error, "INVALID_HOST_ADDRESS"),
      );
      await assert.rejects(
        registerAggregator(unusedWallet, { ...base, enclaveId: NETWORK_MANAGEMENT, hostAddress, amount: 1n }),
        (error) => isErrorWithCode(error, "INVALID_HOST_ADDRESS"),
      );
    }
    await assert.rejects(
      registerAggregator(unusedWallet, {
        ...base,
        enclaveId: NETWORK_MANAGEMENT,
        hostAddress: "/ip4/1.2.3.4/tcp/1",
        amount: 0n,
      }),
      (error) => isErrorWithCode(error, "INVALID_STAKE_AMOUNT"),
    );
    const signature: Hex = `0x${"00".repeat(65)}`;
    for (const encryptedSecret of ["0x", toHex(new Uint8Array(128)), toHex(new Uint8Array(130)), "0x123"] as Hex[]) {
      await assert.rejects(
        initializeNetwork(unusedWallet, {
          ...base,
          enclaveId: NETWORK_MANAGEMENT,
          encryptedSecret,
          networkKey: NETWORK_MANAGEMENT,
          enclaveSignature: signature,
          networkSignature: signature,
        }),
        (error) => isErrorWithCode(error, "INVALID_ENCRYPTED_SECRET"),
      );
    }
  });
});
