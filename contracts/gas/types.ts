import type { DeploymentManifest } from "@obscuro/sdk";
import type { AnvilInstance } from "@obscuro/sdk/devtools";
import type { Account, Chain, Hex, PublicClient, TestClient, TransactionReceipt, Transport, WalletClient } from "viem";

/**
 * Everything a scenario may use: a fresh deployment on anvil and funded wallets. The clients are
 * the scenario's own; their `waitForTransactionReceipt` is `waitForReceipt`.
 */
export interface GasContext {
  anvil: AnvilInstance;
  manifest: DeploymentManifest;
  publicClient: PublicClient;
  testClient: TestClient;
  /** Wallets of anvil's dev accounts; `wallets[0]` deployed the protocol and holds the token supply. */
  wallets: WalletClient<Transport, Chain, Account>[];
  /**
   * Waits for a transaction's receipt, at most `RECEIPT_TIMEOUT_MS`; the Error it throws names the
   * scenario, the transaction and why anvil has no receipt (`wait.ts`).
   */
  waitForReceipt(hash: Hex): Promise<TransactionReceipt>;
}

/** The deployed protocol on anvil, and the way to run a scenario on it. */
export interface GasRun {
  anvil: AnvilInstance;
  manifest: DeploymentManifest;
  /**
   * Runs `fn` with fresh clients named after `scenario`, from the deployed state: takes an anvil
   * snapshot, runs `fn`, waits until anvil's pool is empty and reverts to the snapshot.
   */
  isolated<T>(scenario: string, fn: (context: GasContext) => Promise<T>): Promise<T>;
}

/**
 * One key call whose gas is snapshotted. `run` prepares whatever state it needs and returns the
 * hash of the single transaction to measure. Scenarios are isolated: each starts from the same
 * freshly deployed state.
 */
export interface GasScenario {
  /** `<Contract>.<function>` or `<Contract>.<function>_<case>`. */
  name: string;
  /** A target the call must stay under (in the unit of `measure`), from the issues. */
  budget?: bigint;
  /**
   * What is recorded: `total`, the gas the whole transaction used (default), or `execution`, what
   * it used beyond the 21,000 base and the calldata (4 gas per zero byte, 16 per other byte): the
   * contract's own cost, the same whatever the payload's size.
   */
  measure?: "total" | "execution";
  run(context: GasContext): Promise<Hex>;
}
