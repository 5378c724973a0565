import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { takeAccounts } from "../helpers/accounts.ts";
import { getAddress, parseEther, parseSignature, zeroAddress } from "viem";

const SUPPLY = parseEther("1000000000");

describe("ObscuroToken", async () => {
  const { viem, networkHelpers } = await network.create();
  const [, treasury, alice, bob, relayer] = takeAccounts(await viem.getWalletClients(), 5);
  const publicClient = await viem.getPublicClient();

  async function deployToken() {
    const token = await viem.deployContract("ObscuroToken", [treasury.account.address, SUPPLY]);
    const asTreasury = await viem.getContractAt("ObscuroToken", token.address, { client: { wallet: treasury } });
    const asAlice = await viem.getContractAt("ObscuroToken", token.address, { client: { wallet: alice } });
    return { token, asTreasury, asAlice };
  }

  describe("delegation and votes", () => {
    it("counts no votes until holders delegate, then follows every transfer", async () => {
      const { token, asTreasury, asAlice } = await networkHelpers.loadFixture(deployToken);
      assert.equal(await token.read.getVotes([treasury.account.address]), 0n);

      await asTreasury.write.delegate([treasury.account.address]);
      assert.equal(await token.read.getVotes([treasury.account.address]), SUPPLY);

      await asTreasury.write.transfer([alice.account.address, parseEther("100")]);
      assert.equal(await token.read.getVotes([treasury.account.address]), SUPPLY - parseEther("100"));
      // alice has not delegated: her tokens carry no votes yet
      assert.equal(await token.read.getVotes([alice.account.address]), 0n);

      await asAlice.write.delegate([bob.account.address]);
      assert.equal(await token.read.getVotes([bob.account.address]), parseEther("100"));
      assert.equal(getAddress(await token.read.delegates([alice.account.address])), getAddress(bob.account.address));
    });

    it("keeps past votes at timestamps (ERC-6372 timestamp clock)", async () => {
      const { token, asTreasury } = await networkHelpers.loadFixture(deployToken);
      assert.equal(await token.read.CLOCK_MODE(), "mode=timestamp");

      await asTreasury.write.delegate([treasury.account.address]);
      const before = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(60);
      await asTreasury.write.transfer([bob.account.address, parseEther("5")]);
      const after = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(60);

      assert.equal(await token.read.getPastVotes([treasury.account.address, before]), SUPPLY);
      assert.equal(await token.read.getPastVotes([treasury.account.address, after]), SUPPLY - parseEther("5"));
      await viem.assertions.revertWithCustomError(
        token.read.getPastVotes([treasury.account.address, after + 10_000n]),
        token,
        "ERC5805FutureLookup",
      );
    });

    it("accepts a delegation by signature, relayed by someone else", async () => {
      const { token, asTreasury } = await networkHelpers.loadFixture(deployToken);
      await asTreasury.write.transfer([alice.account.address, parseEther("42")]);
      const nonce = await token.read.nonces([alice.account.address]);
      const expiry = BigInt(await networkHelpers.time.latest()) + 3600n;
      const signature = await alice.signTypedData({
        domain: {
          name: "Obscuro",
          version: "1",
          chainId: await publicClient.getChainId(),
          verifyingContract: token.address,
        },
        types: {
          Delegation: [
            { name: "delegatee", type: "address" },
            { name: "nonce", type: "uint256" },
            { name: "expiry", type: "uint256" },
          ],
        },
        primaryType: "Delegation",
        message: { delegatee: bob.account.address, nonce, expiry },
      });
      const { v, r, s } = parseSignature(signature);
      const asRelayer = await viem.getContractAt("ObscuroToken", token.address, { client: { wallet: relayer } });
      await asRelayer.write.delegateBySig([bob.account.address, nonce, expiry, Number(v), r, s]);
      assert.equal(await token.read.getVotes([bob.account.address]), parseEther("42"));
    });
  });

  describe("permit", () => {
    async function signPermit(
      owner: typeof alice,
      spender: `0x${string}`,
      value: bigint,
      deadline: bigint,
      tokenAddress: `0x${string}`,
      nonce: bigint,
    ) {
      const signature = await owner.signTypedData({
        domain: {
          name: "Obscuro",
          version: "1",
          chainId: await publicClient.getChainId(),
          verifyingContract: tokenAddress,
        },
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: owner.account.address, spender, value, nonce, deadline },
      });
      return parseSignature(signature);
    }

    it("sets an allowance from a signature and consumes the nonce", async () => {
      const { token } = await networkHelpers.loadFixture(deployToken);
      const deadline = BigInt(await networkHelpers.time.latest()) + 600n;
      const { v, r, s } = await signPermit(alice, bob.account.address, parseEther("7"), deadline, token.address, 0n);
      await token.write.permit([
        alice.account.address,
        bob.account.address,
        parseEther("7"),
        deadline,
        Number(v),
        r,
        s,
      ]);
      assert.equal(await token.read.allowance([alice.account.address, bob.account.address]), parseEther("7"));
      assert.equal(await token.read.nonces([alice.account.address]), 1n);

      await viem.assertions.revertWithCustomError(
        token.write.permit([alice.account.address, bob.account.address, parseEther("7"), deadline, Number(v), r, s]),
        token,
        "ERC2612InvalidSigner",
      );
    });

    it("refuses a permit after its deadline and changes nothing", async () => {
      const { token } = await networkHelpers.loadFixture(deployToken);
      const deadline = BigInt(await networkHelpers.time.latest()) + 10n;
      const { v, r, s } = await signPermit(alice, bob.account.address, 1n, deadline, token.address, 0n);
      await networkHelpers.time.increaseTo(deadline + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.write.permit([alice.account.address, bob.account.address, 1n, deadline, Number(v), r, s]),
        token,
        "ERC2612ExpiredSignature",
        [deadline],
      );
      assert.equal(await token.read.allowance([alice.account.address, bob.account.address]), 0n);
      assert.equal(await token.read.nonces([alice.account.address]), 0n);
    });

    it("refuses a permit signed by someone other than the owner", async () => {
      const { token } = await networkHelpers.loadFixture(deployToken);
      const deadline = BigInt(await networkHelpers.time.latest()) + 600n;
      const { v, r, s } = await signPermit(bob, bob.account.address, 1n, deadline, token.address, 0n);
      await viem.assertions.revertWithCustomError(
        token.write.permit([alice.account.address, bob.account.address, 1n, deadline, Number(v), r, s]),
        token,
        "ERC2612InvalidSigner",
      );
    });
  });

  describe("transfer edge cases", () => {
    it("transfers zero, to self, and the whole balance", async () => {
      const { token, asTreasury } = await networkHelpers.loadFixture(deployToken);
      await viem.assertions.emitWithArgs(asTreasury.write.transfer([alice.account.address, 0n]), token, "Transfer", [
        getAddress(treasury.account.address),
        getAddress(alice.account.address),
        0n,
      ]);
      await asTreasury.write.transfer([treasury.account.address, parseEther("1")]);
      assert.equal(await token.read.balanceOf([treasury.account.address]), SUPPLY);

      await asTreasury.write.transfer([alice.account.address, SUPPLY]);
      assert.equal(await token.read.balanceOf([treasury.account.address]), 0n);
      assert.equal(await token.read.balanceOf([alice.account.address]), SUPPLY);
    });

    it("refuses transfers above the balance, to the zero address, and above the allowance", async () => {
      const { token, asTreasury, asAlice } = await networkHelpers.loadFixture(deployToken);
      await viem.assertions.revertWithCustomErrorWithArgs(
        asAlice.write.transfer([bob.account.address, 1n]),
        token,
        "ERC20InsufficientBalance",
        [getAddress(alice.account.address), 0n, 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        asTreasury.write.transfer([zeroAddress, 1n]),
        token,
        "ERC20InvalidReceiver",
        [zeroAddress],
      );
      await asTreasury.write.approve([alice.account.address, 5n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        asAlice.write.transferFrom([treasury.account.address, alice.account.address, 6n]),
        token,
        "ERC20InsufficientAllowance",
        [getAddress(alice.account.address), 5n, 6n],
      );
      assert.equal(await token.read.balanceOf([treasury.account.address]), SUPPLY);
    });

    it("has a fixed supply minted once to the treasury", async () => {
      const { token } = await networkHelpers.loadFixture(deployToken);
      const events = await publicClient.getContractEvents({
        address: token.address,
        abi: token.abi,
        eventName: "SupplyMinted",
        fromBlock: 0n,
      });
      assert.equal(events.length, 1);
      assert.equal(events[0]?.args.supply, SUPPLY);
      assert.equal(await token.read.totalSupply(), SUPPLY);
    });
  });
});
