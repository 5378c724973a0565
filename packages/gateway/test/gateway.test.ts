import assert from "node:assert/strict";
import { once } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createPublicClient,
  encodeDeployData,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  toHex,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  authorizeViewingKey,
  createViewingKey,
  decryptPrivateResponse,
  encryptPrivateRequest,
  isErrorWithCode,
  L2_CHAIN_ID,
} from "@obscuro/sdk";
import { WebSocket } from "ws";
import { registerAccount, startGateway, type viewingKeyTypedData, type Gateway } from "../src/index.ts";
import { compileTokens, type Artifact } from "./helpers/contracts.ts";
import { rpc, startHarness, type Harness } from "./helpers/harness.ts";

/**
 * The gateway against anvil, a real enclave process and the node's endpoint: registration
 * (join, getmessage, authenticate), the JSON-RPC surface (public, private, unknown), the
 * viewing keys at rest, metrics, filters, subscriptions and shutdown; and the privacy rules seen
 * from a second user's gateway.
 */
describe("the gateway", () => {
  let h: Harness;
  let tokens: { GLDToken: Artifact; PrivateToken: Artifact };
  const alice = privateKeyToAccount(generatePrivateKey());
  const bob = privateKeyToAccount(generatePrivateKey());
  let aliceUrl: string;

  before(async () => {
    [h, tokens] = await Promise.all([startHarness(), compileTokens()]);
  });
  after(async () => {
    await h?.stop();
    assert.deepEqual(h?.sequencer.errors ?? [], [], "the sequencer ran without errors");
  });

  it("registers an account: join gives a token, the EIP-712 signature of its viewing key authenticates", async () => {
    const join = await fetch(`${h.gateway.url}/v1/join`, { method: "POST" });
    assert.equal(join.status, 200);
    const token = await join.text();
    assert.match(token, /^[0-9a-f]{40}$/);
    const { message, type } = (await (await fetch(`${h.gateway.url}/v1/getmessage?token=${token}`)).json()) as {
      message: ReturnType<typeof viewingKeyTypedData>;
      type: string;
    };
    assert.equal(type, "EIP712");
    assert.equal(message.domain.name, "Obscuro Viewing Key");
    assert.equal(BigInt(message.domain.chainId), L2_CHAIN_ID);
    assert.equal(message.message.networkKey, h.gateway.network.networkKey);
    const { EIP712Domain: _d, ...types } = message.types;
    const signature = await alice.signTypedData({
      domain: { ...message.domain, chainId: BigInt(message.domain.chainId) },
      types,
      primaryType: "ViewingKey",
      message: message.message,
    });
    const query = async () =>
      (
        (await (await fetch(`${h.gateway.url}/v1/query?token=${token}&a=${alice.address}`)).json()) as {
          status: boolean;
        }
      ).status;
    assert.equal(await query(), false);
    const authenticate = (body: unknown, t = token) =>
      fetch(`${h.gateway.url}/v1/authenticate?token=${t}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    // bob's address with alice's signature: refused
    assert.equal((await authenticate({ address: bob.address, signature })).status, 401);
    const ok = await authenticate({ address: alice.address, signature });
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "success");
    assert.equal(await query(), true);
    assert.equal(await (await authenticate({ address: alice.address, signature })).text(), "account already exists");
    // an unknown token
    assert.equal((await authenticate({ address: alice.address, signature }, "00".repeat(20))).status, 404);
    aliceUrl = `${h.gateway.url}/v1/?token=${token}`;
    // a second account on the same token, with the client helper
    const again = await registerAccount({ gatewayUrl: aliceUrl, account: bob });
    assert.equal(again.url, aliceUrl);
    assert.equal(
      await (
        await fetch(`${h.gateway.url}/v1/query?token=${token}&a=${bob.address}`)
      )
        .json()
        .then((r) => (r as { status: boolean }).status),
      true,
    );
  });

  it("answers public methods without a token, refuses private ones with 4100 and unknown ones with -32601", async () => {
    const url = h.gateway.url;
    assert.equal((await rpc(url, "eth_chainId")).result, toHex(L2_CHAIN_ID));
    assert.equal((await rpc(url, "net_version")).result, L2_CHAIN_ID.toString());
    assert.match(String((await rpc(url, "web3_clientVersion")).result), /^obscuro-gateway\//);
    assert.match(String((await rpc(url, "eth_blockNumber")).result), /^0x/);
    assert.ok(((await rpc(url, "eth_getBlockByNumber", ["latest", false])).result as { hash: Hex }).hash);
    assert.match(String((await rpc(url, "eth_gasPrice")).result), /^0x/);
    assert.equal((await rpc(url, "web3_sha3", ["0x68656c6c6f"])).result, keccak256("0x68656c6c6f"));
    for (const [method, params] of [
      ["eth_getBalance", [alice.address, "latest"]],
      ["eth_getTransactionCount", [alice.address, "latest"]],
      ["eth_call", [{ to: alice.address, data: "0x" }, "latest"]],
      ["eth_getLogs", [{}]],
      ["eth_getTransactionReceipt", [`0x${"11".repeat(32)}`]],
      ["eth_getStorageAt", [alice.address, "0x0", "latest"]],
    ] as const) {
      const answer = await rpc(url, method, [...params]);
      assert.equal(answer.error?.code, 4100, `${method} without a token`);
      assert.match(answer.error!.message, /authenticated account/);
    }
    assert.equal(
      (await rpc(`${url}/v1/?token=${"ab".repeat(20)}`, "eth_getBalance", [alice.address])).error?.code,
      4100,
    );
    const unknown = await rpc(url, "eth_mine");
    assert.equal(unknown.error?.code, -32601);
    assert.equal((await rpc(url, "debug_traceTransaction", [`0x${"11".repeat(32)}`])).error?.code, -32601);
    // a batch, answered in order
    const batch = (await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] },
          { jsonrpc: "2.0", id: 2, method: "no_such_method", params: [] },
        ]),
      })
    ).json()) as { id: number; result?: unknown; error?: { code: number } }[];
    assert.deepEqual(
      batch.map((r) => [r.id, r.result ?? r.error?.code]),
      [
        [1, toHex(L2_CHAIN_ID)],
        [2, -32601],
      ],
    );
    const parse = await fetch(url, { method: "POST", body: "{nope" });
    assert.equal(((await parse.json()) as { error: { code: number } }).error.code, -32700);
  });

  it("reads the account's own balance and nonce through private requests, and sends encrypted transactions", async () => {
    await h.fund(alice.address, parseEther("3"));
    const client = createPublicClient({ transport: http(aliceUrl) });
    assert.equal(await client.getBalance({ address: alice.address }), parseEther("3"));
    assert.equal(await client.getTransactionCount({ address: alice.address }), 0);
    const raw = await alice.signTransaction({
      chainId: Number(L2_CHAIN_ID),
      type: "eip1559",
      nonce: 0,
      to: bob.address,
      value: parseEther("1"),
      gas: 21_000n,
      maxFeePerGas: 5_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    h.sequencer.paused = true;
    const hash = (await rpc(aliceUrl, "eth_sendRawTransaction", [raw])).result as Hex;
    assert.equal(hash, keccak256(raw));
    // waiting in the enclave's mempool: the pending nonce counts it, the latest does not, no receipt yet
    assert.equal((await rpc(aliceUrl, "eth_getTransactionCount", [alice.address, "pending"])).result, "0x1");
    assert.equal((await rpc(aliceUrl, "eth_getTransactionCount", [alice.address, "latest"])).result, "0x0");
    assert.equal((await rpc(aliceUrl, "eth_getTransactionReceipt", [hash])).result, null);
    const batch = h.sequencer.nextBatch((b) => b.transactions > 0);
    h.sequencer.paused = false;
    h.sequencer.poke();
    await batch;
    const receipt = (await rpc(aliceUrl, "eth_getTransactionReceipt", [hash])).result as { status: Hex; from: Hex };
    assert.equal(receipt.status, "0x1");
    assert.equal(await client.getBalance({ address: bob.address }), parseEther("1"), "bob is an account of the token");
    // a refused transaction: the node's reason in Ethereum's words
    const stale = await rpc(aliceUrl, "eth_sendRawTransaction", [raw]);
    assert.equal(stale.error?.code, -32000);
    assert.equal(stale.error?.message, "nonce too low");
    assert.equal(stale.error?.data, "NONCE_TOO_LOW");
  });

  it("keeps viewing keys sealed at rest under a secret file of mode 0600", async () => {
    const { dataDir } = h.gateway.config;
    const secret = await stat(join(dataDir, "gateway.secret"));
    assert.equal(secret.mode & 0o777, 0o600);
    const database = await readFile(join(dataDir, "gateway.sqlite"));
    const token = new URL(aliceUrl).searchParams.get("token")!;
    assert.equal(database.includes(Buffer.from(token)), false, "the token is not stored");
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    assert.match(metrics, /obscuro_gateway_accounts 2/);
    assert.match(metrics, /obscuro_gateway_requests_total\{method="eth_getBalance",outcome="ok",transport="http"\}/);
    assert.equal(metrics.includes(token), false);
    assert.equal(metrics.includes(alice.address), false);
  });

  it("polls filters (new blocks, logs) and pushes subscriptions (newHeads) over WebSocket", async () => {
    const blockFilter = (await rpc(h.gateway.url, "eth_newBlockFilter")).result as Hex;
    const logFilter = (await rpc(aliceUrl, "eth_newFilter", [{}])).result as Hex;
    assert.equal((await rpc(h.gateway.url, "eth_newFilter", [{}])).error?.code, 4100, "logs are private");
    const socket = new WebSocket(`${h.gateway.wsUrl}/v1/?token=${new URL(aliceUrl).searchParams.get("token")}`);
    await once(socket, "open");
    const messages: {
      id?: number;
      result?: unknown;
      method?: string;
      params?: { subscription: Hex; result: { number: Hex } };
    }[] = [];
    const next = (accept: (m: (typeof messages)[number]) => boolean) =>
      new Promise<(typeof messages)[number]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no such WebSocket message within 15 s")), 15_000);
        const check = () => {
          const found = messages.find(accept);
          if (found) {
            clearTimeout(timer);
            socket.off("message", check);
            resolve(found);
          }
        };
        socket.on("message", check);
        check();
      });
    socket.on("message", (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
    socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] }));
    const subscription = (await next((m) => m.id === 1)).result as Hex;
    assert.match(subscription, /^0x[0-9a-f]{32}$/);
    // a transfer from alice to bob makes a block
    const client = createPublicClient({ transport: http(aliceUrl) });
    const raw = await alice.signTransaction({
      chainId: Number(L2_CHAIN_ID),
      type: "eip1559",
      nonce: await client.getTransactionCount({ address: alice.address, blockTag: "pending" }),
      to: bob.address,
      value: 1n,
      gas: 21_000n,
      maxFeePerGas: 5_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    const produced = h.sequencer.nextBatch((b) => b.transactions > 0);
    await rpc(aliceUrl, "eth_sendRawTransaction", [raw]);
    const batch = await produced;
    const head = await next((m) => m.method === "eth_subscription" && m.params?.subscription === subscription);
    assert.equal(BigInt(head.params!.result.number), batch.number);
    const blocks = (await rpc(h.gateway.url, "eth_getFilterChanges", [blockFilter])).result as Hex[];
    assert.ok(blocks.length >= 1, "the new block's hash");
    assert.deepEqual((await rpc(h.gateway.url, "eth_getFilterChanges", [blockFilter])).result, [], "reported once");
    // a plain ETH transfer has no logs; the filter is alice's only
    assert.deepEqual((await rpc(aliceUrl, "eth_getFilterChanges", [logFilter])).result, []);
    assert.equal((await rpc(h.gateway.url, "eth_getFilterChanges", [logFilter])).error?.message, "filter not found");
    assert.equal((await rpc(aliceUrl, "eth_uninstallFilter", [logFilter])).result, true);
    assert.equal((await rpc(aliceUrl, "eth_getFilterChanges", [logFilter])).error?.code, -32000);
    socket.send(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "eth_unsubscribe", params: [subscription] }));
    assert.equal((await next((m) => m.id === 2)).result, true);
    socket.close();
    await once(socket, "close");
    assert.equal((await rpc(h.gateway.url, "eth_subscribe", ["newHeads"])).error?.code, -32601, "HTTP has no push");
  });

  it("refuses to start on a node whose network key is not L1's, or a node that cannot be reached", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "obscuro-gateway-bad-"));
    try {
      const base = {
        nodeUrl: h.node.url,
        l1RpcUrl: h.l1.anvil.rpcUrl,
        networkManagement: h.l1.manifest.contracts.NetworkManagement,
        dataDir,
        port: 0,
        logLevel: "silent" as const,
      };
      // L1's network key read from the wrong contract: nothing is served
      await assert.rejects(
        startGateway({ ...base, networkManagement: h.l1.manifest.contracts.BridgeManagement }),
        (error: unknown) => isErrorWithCode(error, "NETWORK_MISMATCH"),
      );
      await assert.rejects(startGateway({ ...base, nodeUrl: "http://127.0.0.1:9" }), (error: unknown) =>
        isErrorWithCode(error, "NODE_UNREACHABLE"),
      );
      await assert.rejects(startGateway({ ...base, port: 70_000 }), (error: unknown) =>
        isErrorWithCode(error, "GATEWAY_CONFIG_INVALID"),
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("revokes a token: its viewing key and accounts are forgotten", async () => {
    const mallory = privateKeyToAccount(generatePrivateKey());
    const { url, token } = await registerAccount({ gatewayUrl: h.gateway.url, account: mallory });
    assert.equal((await rpc(url, "eth_getBalance", [mallory.address, "latest"])).result, "0x0");
    assert.equal((await fetch(`${h.gateway.url}/v1/revoke?token=${token}`, { method: "POST" })).status, 200);
    const after = await rpc(url, "eth_getBalance", [mallory.address, "latest"]);
    assert.equal(after.error?.code, 4100);
    assert.match(after.error!.message, /unknown gateway token/);
  });

  it("shuts down gracefully: a request in flight is answered, WebSocket clients are told, then nothing is served", async () => {
    const gateway = await h.startGateway();
    const socket = new WebSocket(`${gateway.wsUrl}/v1/`);
    await once(socket, "open");
    const closed = once(socket, "close");
    // a request whose body is still coming when the gateway is told to stop
    const body = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "eth_blockNumber", params: [] });
    const request = httpRequest(`${gateway.url}/v1/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    const answered = once(request, "response");
    request.write(body.slice(0, 10));
    const inFlight = gateway.metrics.inFlight;
    for (let i = 0; (await inFlight.get()).values[0]?.value !== 1; i++) {
      assert.ok(i < 500, "the gateway did not receive the request within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closing = gateway.close();
    request.end(body.slice(10));
    const [response] = (await answered) as [IncomingMessage];
    let text = "";
    for await (const chunk of response) text += String(chunk);
    assert.match(String((JSON.parse(text) as { result: string }).result), /^0x/);
    await closing;
    const [code] = (await closed) as [number];
    assert.equal(code, 1001);
    await assert.rejects(fetch(`${gateway.url}/health`));
  });

  describe("privacy: a second user's gateway", () => {
    let bobGateway: Gateway;
    let bobUrl: string;
    const carol = privateKeyToAccount(generatePrivateKey());
    let privateToken: Hex;
    let transferHash: Hex;

    before(async () => {
      bobGateway = await h.startGateway();
      ({ url: bobUrl } = await registerAccount({ gatewayUrl: bobGateway.url, account: carol }));
      await h.fund(carol.address, parseEther("1"));
      // alice deploys a token that keeps balances private and a secret in storage, and pays bob
      const client = createPublicClient({ transport: http(aliceUrl) });
      const nonce = await client.getTransactionCount({ address: alice.address, blockTag: "pending" });
      const deploy = await alice.signTransaction({
        chainId: Number(L2_CHAIN_ID),
        type: "eip1559",
        nonce,
        data: encodeDeployData({
          abi: tokens.PrivateToken.abi,
          bytecode: tokens.PrivateToken.bytecode,
          args: [parseEther("1000"), 424242n],
        }),
        gas: 3_000_000n,
        maxFeePerGas: 5_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      const deployed = h.sequencer.nextBatch((b) => b.transactions > 0);
      const deployHash = (await rpc(aliceUrl, "eth_sendRawTransaction", [deploy])).result as Hex;
      await deployed;
      privateToken = (await client.getTransactionReceipt({ hash: deployHash })).contractAddress!;
      const transfer = await alice.signTransaction({
        chainId: Number(L2_CHAIN_ID),
        type: "eip1559",
        nonce: nonce + 1,
        to: privateToken,
        data: encodeFunctionData({
          abi: tokens.PrivateToken.abi,
          functionName: "transfer",
          args: [bob.address, parseEther("10")],
        }),
        gas: 200_000n,
        maxFeePerGas: 5_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      const transferred = h.sequencer.nextBatch((b) => b.transactions > 0);
      transferHash = (await rpc(aliceUrl, "eth_sendRawTransaction", [transfer])).result as Hex;
      await transferred;
    });

    it("cannot read alice's balance or nonce", async () => {
      for (const method of ["eth_getBalance", "eth_getTransactionCount"]) {
        const answer = await rpc(bobUrl, method, [alice.address, "latest"]);
        assert.equal(answer.error?.code, 4100, method);
        assert.equal(answer.result, undefined);
      }
    });

    it("cannot read alice's receipt, transaction or logs", async () => {
      assert.equal((await rpc(bobUrl, "eth_getTransactionReceipt", [transferHash])).result, null);
      assert.equal((await rpc(bobUrl, "eth_getTransactionByHash", [transferHash])).result, null);
      assert.deepEqual((await rpc(bobUrl, "eth_getLogs", [{ fromBlock: "0x0", address: privateToken }])).result, []);
      // alice sees her receipt and the Transfer log naming her
      const receipt = (await rpc(aliceUrl, "eth_getTransactionReceipt", [transferHash])).result as { logs: unknown[] };
      assert.equal(receipt.logs.length, 1);
      const logs = (await rpc(aliceUrl, "eth_getLogs", [{ fromBlock: "0x0", address: privateToken }]))
        .result as unknown[];
      assert.equal(logs.length, 2, "the mint and the transfer name alice");
    });

    it("cannot read alice's token balance through eth_call of a view, nor pass for her", async () => {
      const data = encodeFunctionData({
        abi: tokens.PrivateToken.abi,
        functionName: "balanceOf",
        args: [alice.address],
      });
      const own = await rpc(aliceUrl, "eth_call", [{ to: privateToken, data }, "latest"]);
      assert.equal(BigInt(own.result as Hex), parseEther("990"));
      const asCarol = await rpc(bobUrl, "eth_call", [{ to: privateToken, data }, "latest"]);
      assert.equal(asCarol.error?.code, 3, "the view reverts for anyone but the holder");
      const spoofed = await rpc(bobUrl, "eth_call", [{ from: alice.address, to: privateToken, data }, "latest"]);
      assert.equal(spoofed.error?.code, 4100, "a call cannot run as an account of another token");
      const estimate = await rpc(bobUrl, "eth_estimateGas", [{ from: alice.address, to: privateToken, data }]);
      assert.equal(estimate.error?.code, 4100);
    });

    it("cannot read storage: eth_getStorageAt is refused for everyone", async () => {
      for (const url of [bobUrl, aliceUrl]) {
        const answer = await rpc(url, "eth_getStorageAt", [privateToken, "0x5", "latest"]);
        assert.equal(answer.error?.code, 4100);
        assert.equal(answer.result, undefined);
      }
      // code is public
      assert.notEqual((await rpc(bobUrl, "eth_getCode", [privateToken, "latest"])).result, "0x");
    });

    it("is refused by the enclave itself when it skips the gateway's checks, and a replayed or foreign authorization is refused", async () => {
      const { networkKey, networkPublicKey } = bobGateway.network;
      const viewingKey = createViewingKey();
      const authorization = await authorizeViewingKey({
        account: carol,
        viewingKey: viewingKey.address,
        networkKey,
        l2ChainId: L2_CHAIN_ID,
      });
      // carol's valid key, asking the node directly for alice's balance: the enclave refuses
      const asked = await encryptPrivateRequest({
        networkPublicKey,
        viewingKey,
        authorization,
        method: "eth_getBalance",
        params: [alice.address, "latest"],
      });
      const answer = (await rpc(h.node.url, "obscuro_privateRequest", [asked.encrypted])).result as { encrypted: Hex };
      const response = decryptPrivateResponse(answer.encrypted, viewingKey.privateKey);
      assert.ok("error" in response && response.error.code === 4100);
      // replayed: refused
      assert.equal((await rpc(h.node.url, "obscuro_privateRequest", [asked.encrypted])).error?.code, 4100);
      // carol's signature presented as alice's authorization: refused
      const forged = await encryptPrivateRequest({
        networkPublicKey,
        viewingKey,
        authorization: { ...authorization, account: alice.address },
        method: "eth_getBalance",
        params: [alice.address, "latest"],
      });
      assert.equal((await rpc(h.node.url, "obscuro_privateRequest", [forged.encrypted])).error?.code, 4100);
      // at the gateway: alice's signature (of her token's viewing key) replayed on carol's token
      const aliceToken = new URL(aliceUrl).searchParams.get("token")!;
      const { message } = (await (await fetch(`${h.gateway.url}/v1/getmessage?token=${aliceToken}`)).json()) as {
        message: ReturnType<typeof viewingKeyTypedData>;
      };
      const { EIP712Domain: _d, ...types } = message.types;
      const aliceSignature = await alice.signTypedData({
        domain: { ...message.domain, chainId: BigInt(message.domain.chainId) },
        types,
        primaryType: "ViewingKey",
        message: message.message,
      });
      const bobToken = new URL(bobUrl).searchParams.get("token")!;
      const replay = await fetch(`${bobGateway.url}/v1/authenticate?token=${bobToken}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ address: alice.address, signature: aliceSignature }),
      });
      assert.equal(replay.status, 401);
      assert.equal((await rpc(bobUrl, "eth_getBalance", [alice.address, "latest"])).error?.code, 4100);
    });
  });
});
