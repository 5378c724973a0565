import { obscuroTokenAbi } from "@obscuro/sdk";
import { parseEther, parseSignature } from "viem";
import type { GasScenario } from "../types.ts";

export const tokenScenarios: GasScenario[] = [
  {
    name: "ObscuroToken.transfer",
    run: ({ manifest, wallets }) =>
      wallets[0]!.writeContract({
        address: manifest.contracts.ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "transfer",
        args: [wallets[1]!.account.address, parseEther("10")],
      }),
  },
  {
    name: "ObscuroToken.transfer_delegated",
    run: async ({ manifest, wallets, testClient, waitForReceipt }) => {
      const token = manifest.contracts.ObscuroToken;
      const [holder, receiver] = [wallets[0]!, wallets[1]!];
      for (const wallet of [holder, receiver]) {
        const hash = await wallet.writeContract({
          address: token,
          abi: obscuroTokenAbi,
          functionName: "delegate",
          args: [wallet.account.address],
        });
        await waitForReceipt(hash);
      }
      // Votes are checkpointed per second: transfer later than the delegations, as in real use,
      // so the measurement does not depend on whether anvil's blocks shared a second.
      await testClient.increaseTime({ seconds: 60 });
      return holder.writeContract({
        address: token,
        abi: obscuroTokenAbi,
        functionName: "transfer",
        args: [receiver.account.address, parseEther("10")],
      });
    },
  },
  {
    name: "ObscuroToken.approve",
    run: ({ manifest, wallets }) =>
      wallets[0]!.writeContract({
        address: manifest.contracts.ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "approve",
        args: [wallets[1]!.account.address, parseEther("10")],
      }),
  },
  {
    name: "ObscuroToken.delegate",
    run: ({ manifest, wallets }) =>
      wallets[0]!.writeContract({
        address: manifest.contracts.ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "delegate",
        args: [wallets[0]!.account.address],
      }),
  },
  {
    name: "ObscuroToken.permit",
    run: async ({ manifest, wallets }) => {
      const [owner, spender] = [wallets[0]!, wallets[1]!];
      // A fixed deadline: calldata, hence gas, must not depend on the wall clock.
      const deadline = 4_102_444_800n; // 2100-01-01
      const signature = await owner.signTypedData({
        domain: {
          name: "Obscuro",
          version: "1",
          chainId: manifest.chainId,
          verifyingContract: manifest.contracts.ObscuroToken,
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
        message: {
          owner: owner.account.address,
          spender: spender.account.address,
          value: parseEther("1"),
          nonce: 0n,
          deadline,
        },
      });
      const { v, r, s } = parseSignature(signature);
      return spender.writeContract({
        address: manifest.contracts.ObscuroToken,
        abi: obscuroTokenAbi,
        functionName: "permit",
        args: [owner.account.address, spender.account.address, parseEther("1"), deadline, Number(v), r, s],
      });
    },
  },
];
