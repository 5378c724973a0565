import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keccak256, parseEther, toHex, zeroHash, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  AssetKind,
  buildWithdrawalTree,
  computeCalldataDataHash,
  deriveRollupEpochKey,
  encodeRollupPayload,
  signRollupHeader,
  type RollupHeader,
} from "@obscuro/sdk";
import { foundDevNetwork, startDevL1, type DevL1 } from "@obscuro/sdk/devtools";

/** Polls `check` every `everyMs` until it returns a value; fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 20_000, everyMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The rollups the test network holds, by their place in the tree. */
export interface TestTree {
  /** Canonical: R1 (final, with withdrawals) → R2 (with withdrawals) → R3. */
  r1: Hex;
  r2: Hex;
  r3: Hex;
  /** A two-deep fork off R1 (an open contest): F2 → F3. */
  f2: Hex;
  f3: Hex;
  genesis: Hex;
}

export interface TestNetwork {
  l1: DevL1;
  tree: TestTree;
  operator: Address;
  depositor: Address;
  /** ETH deposited into the bridge. */
  deposited: bigint;
  proposalDescription: string;
  stop: () => Promise<void>;
}

/**
 * anvil with the protocol deployed the devnet's way (`deployDevProtocol`: a Governor + Timelock
 * and a council Safe), founded (`foundDevNetwork`: the genesis node, a staked aggregator), two
 * deposits, a governance proposal, and a rollup tree made by the genesis enclave: a canonical
 * chain of three with withdrawals in the first two, and a two-deep fork off the first (an open
 * contest); then `finalityDelay` blocks, so that the first rollup is final and the others are
 * held by the contest.
 */
export async function startTestNetwork(): Promise<TestNetwork> {
  const l1 = await startDevL1({ deploy: { governance: undefined, council: undefined } });
  try {
    const { publicClient, manifest, testClient } = l1;
    const deployer = l1.wallet(0);
    const operator = l1.wallet(1);
    const depositor = l1.wallet(2);
    const founded = await foundDevNetwork(deployer, { operator: operator.account });
    const amounts = [parseEther("1.5"), parseEther("0.25")];
    for (const amount of amounts) await l1.mined(depositor.depositEth({ to: depositor.account.address, amount }));

    const proposalDescription = "Explorer test: tune the protocol (one call)";
    await l1.mined(
      deployer.createProposal({
        actions: [{ target: manifest.contracts.RollupManagement, value: 0n, data: "0x" }],
        description: proposalDescription,
      }),
    );

    const rollupManagement = manifest.contracts.RollupManagement;
    const epochKey = deriveRollupEpochKey({ masterSecret: founded.masterSecret, keyEpoch: 0 });
    const recipient = privateKeyToAccount(keccak256(toHex("explorer/test/recipient"))).address;
    const withdrawals = (id: bigint) =>
      buildWithdrawalTree([
        {
          id,
          recipient,
          kind: AssetKind.Eth,
          token: "0x0000000000000000000000000000000000000000",
          amountOrId: 10n ** 17n,
        },
      ]).root as Hex;
    const submit = async (
      parentHash: Hex,
      number: bigint,
      options: { label: string; withdrawalRoot?: Hex; canonicalSibling?: Hex; commitKey?: boolean },
    ): Promise<Hex> => {
      const l1Block = await publicClient.getBlock();
      const consumed = await publicClient.getDepositsConsumedAt({ l1BlockNumber: l1Block.number });
      const payload = toHex(
        encodeRollupPayload({
          chainId: l1.anvil.chainId,
          rollupContract: rollupManagement,
          keyEpoch: 0,
          transactions: [],
          epochKey,
        }),
      );
      const header: RollupHeader = {
        parentHash,
        number,
        l1BlockNumber: l1Block.number,
        l1BlockHash: l1Block.hash,
        depositCount: consumed.depositCount,
        depositAcc: consumed.depositAcc,
        stateRoot: keccak256(toHex(`explorer/test/state/${options.label}`)),
        withdrawalRoot: options.withdrawalRoot ?? zeroHash,
        dataHash: computeCalldataDataHash(payload),
        keyEpoch: 0,
        keyCommitment: options.commitKey ? keccak256(epochKey) : zeroHash,
        enclaveId: founded.enclave.enclaveId,
      };
      const { rollupHash, signature } = await signRollupHeader({
        header,
        chainId: l1.anvil.chainId,
        rollupManagement,
        enclavePrivateKey: founded.enclave.privateKey,
      });
      await l1.mined(
        operator.submitRollup({
          header,
          signature,
          data: { kind: "calldata", payload },
          depositCheckpoint: consumed.checkpoint,
          canonicalSibling: options.canonicalSibling,
        }),
      );
      return rollupHash;
    };

    const genesis = (await publicClient.getCanonicalHead()).hash;
    const r1 = await submit(genesis, 1n, { label: "r1", withdrawalRoot: withdrawals(0n), commitKey: true });
    const r2 = await submit(r1, 2n, { label: "r2", withdrawalRoot: withdrawals(1n) });
    const f2 = await submit(r1, 2n, { label: "f2", canonicalSibling: r2 });
    const f3 = await submit(f2, 3n, { label: "f3", canonicalSibling: r2 });
    const r3 = await submit(r2, 3n, { label: "r3" });
    await testClient.mine({ blocks: manifest.settings.rollup.finalityDelay });

    return {
      l1,
      tree: { r1, r2, r3, f2, f3, genesis },
      operator: operator.account.address,
      depositor: depositor.account.address,
      deposited: amounts.reduce((a, b) => a + b, 0n),
      proposalDescription,
      stop: () => l1.stop(),
    };
  } catch (error) {
    await l1.stop();
    throw error;
  }
}

/**
 * A JSON-RPC forwarder in front of anvil that counts what passes and can be taken down: the
 * explorer's view of L1 when we need to see its reads, or L1 going away.
 */
export class RpcProxy {
  readonly #server: Server;
  readonly #target: string;
  /** JSON-RPC methods forwarded, in order (a batch counts each of its calls). */
  readonly methods: string[] = [];
  down = false;

  private constructor(target: string) {
    this.#target = target;
    this.#server = createServer((request, response) => {
      if (this.down) return void request.socket.destroy();
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const parsed = JSON.parse(body) as { method: string } | { method: string }[];
        for (const call of Array.isArray(parsed) ? parsed : [parsed]) this.methods.push(call.method);
        fetch(this.#target, { method: "POST", headers: { "content-type": "application/json" }, body })
          .then(async (answer) => {
            response.writeHead(answer.status, { "content-type": "application/json" });
            response.end(await answer.text());
          })
          .catch(() => request.socket.destroy());
      });
    });
  }

  static async start(target: string): Promise<RpcProxy> {
    const proxy = new RpcProxy(target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", () => resolve()));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** GET a JSON document from the explorer: the status and the parsed body. */
export async function getJson<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}
