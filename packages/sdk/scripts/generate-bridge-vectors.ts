/**
 * Writes contracts/test/bridge/vectors/bridge-vectors.json: the SDK's encoding of withdrawal and
 * balance leaves, their Merkle roots and proofs, and deposit accumulator steps, for fixed inputs.
 * The SDK test (test/bridge.vectors.test.ts) and the Solidity test
 * (contracts/test/bridge/BridgeVectors.t.sol) both check against it, so the two sides agree
 * byte for byte.
 *
 *   node scripts/generate-bridge-vectors.ts          regenerate the file
 *   node scripts/generate-bridge-vectors.ts --check  exit 1 if the file differs from what the code gives
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { getAddress, keccak256, toHex, zeroAddress, zeroHash, type Hex } from "viem";
import {
  AssetKind,
  balanceLeafHash,
  buildLedgerTree,
  buildWithdrawalTree,
  depositAccumulatorStep,
  withdrawalLeafHash,
  type BalanceLeaf,
  type Deposit,
  type Withdrawal,
} from "../src/index.ts";

const OUTPUT = fileURLToPath(new URL("../../../contracts/test/bridge/vectors/bridge-vectors.json", import.meta.url));

const address = (label: string) => getAddress(keccak256(toHex(label)).slice(0, 42));
const TOKEN = address("token");
const NFT = address("nft");

export function bridgeVectors() {
  const withdrawals: Withdrawal[] = [
    { id: 0n, recipient: address("alice"), kind: AssetKind.Eth, token: zeroAddress, amountOrId: 10n ** 18n },
    { id: 1n, recipient: address("bob"), kind: AssetKind.Erc20, token: TOKEN, amountOrId: 123_456_789n },
    { id: 2n, recipient: address("carol"), kind: AssetKind.Erc721, token: NFT, amountOrId: 42n },
    { id: 3n, recipient: address("dave"), kind: AssetKind.Eth, token: zeroAddress, amountOrId: 2n ** 255n },
    { id: 2n ** 64n, recipient: address("erin"), kind: AssetKind.Erc20, token: TOKEN, amountOrId: 1n },
  ];
  const balances: BalanceLeaf[] = [
    { account: address("alice"), kind: AssetKind.Eth, token: zeroAddress, amountOrId: 5n * 10n ** 18n },
    { account: address("alice"), kind: AssetKind.Erc20, token: TOKEN, amountOrId: 1000n },
    { account: address("bob"), kind: AssetKind.Erc721, token: NFT, amountOrId: 7n },
  ];
  const deposits: Deposit[] = [
    {
      index: 0n,
      kind: AssetKind.Eth,
      from: address("alice"),
      to: address("bob"),
      token: zeroAddress,
      amountOrId: 10n ** 17n,
    },
    { index: 1n, kind: AssetKind.Erc20, from: address("bob"), to: address("bob"), token: TOKEN, amountOrId: 990n },
    { index: 2n, kind: AssetKind.Erc721, from: address("carol"), to: address("alice"), token: NFT, amountOrId: 42n },
  ];
  const withdrawalTree = buildWithdrawalTree(withdrawals);
  const ledgerTree = buildLedgerTree(balances);
  let acc: Hex = zeroHash;
  const accumulator = deposits.map((deposit) => {
    const before = acc;
    acc = depositAccumulatorStep(acc, deposit);
    return { ...stringify(deposit), accBefore: before, accAfter: acc };
  });
  return {
    withdrawals: withdrawals.map((w) => ({
      ...stringify(w),
      leaf: withdrawalLeafHash(w),
      proof: withdrawalTree.proof(w),
    })),
    withdrawalRoot: withdrawalTree.root,
    balances: balances.map((b) => ({ ...stringify(b), leaf: balanceLeafHash(b), proof: ledgerTree.proof(b) })),
    stateRoot: ledgerTree.root,
    deposits: accumulator,
  };
}

/** bigints as decimal strings (JSON), everything else as is. */
function stringify<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
}

async function main(): Promise<void> {
  const text = await format(JSON.stringify(bridgeVectors()), { ...(await resolveConfig(OUTPUT)), parser: "json" });
  if (process.argv.includes("--check")) {
    const committed = await readFile(OUTPUT, "utf8").catch(() => "");
    if (committed !== text) {
      console.error(`${OUTPUT} is out of date: run node scripts/generate-bridge-vectors.ts`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(OUTPUT, text);
  console.log(`wrote ${OUTPUT}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
