import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startExplorer, type Explorer } from "../src/index.ts";
import { RpcProxy, startTestNetwork, waitFor, type TestNetwork } from "./helpers/network.ts";

/*
 * The page in a real Chromium (Debian's, driven by playwright-core): the rollup tree with its fork
 * and finality, a click through to a rollup, the bridge tab, and the banner while L1 is down.
 * Screenshots go to a temporary folder (kept with KEEP_SCREENSHOTS=1, its path printed).
 */

const CHROMIUM = "/usr/bin/chromium";

/** The summary card whose label is `label`. */
const card = (page: Page, label: string) => page.locator(`.card:has(> .label:text-is("${label}"))`);
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("explorer page in Chromium: rollup tree, rollup page, bridge tab, L1 outage banner", () => {
  let network: TestNetwork;
  let proxy: RpcProxy;
  let explorer: Explorer;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium); .ci/run does it`,
    );
    dir = await mkdtemp(join(tmpdir(), "obscuro-explorer-browser-"));
    network = await startTestNetwork();
    proxy = await RpcProxy.start(network.l1.anvil.rpcUrl);
    explorer = await startExplorer({
      l1RpcUrl: proxy.url,
      manifest: network.l1.manifest,
      port: 0,
      logger: pino({ level: "silent" }),
      headTtlMs: 300,
      pollingIntervalMs: 200,
    });
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      // Chromium logs every non-2xx answer; the 503s of the outage test are expected.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
        errors.push(message.text());
    });
  });

  after(async () => {
    await context?.close();
    await explorer?.close();
    await proxy?.close();
    await network?.stop();
    if (dir && !process.env.KEEP_SCREENSHOTS) await rm(dir, { recursive: true, force: true });
    else if (dir) console.log(`screenshots in ${dir}`);
  });

  it("shows the overview with the heads, the nodes and the bridge", async () => {
    await page.goto(explorer.url);
    await card(page, "Final head").getByText("#1").waitFor();
    assert.equal(await page.locator(".tab.active").innerText(), "Overview");
    assert.match(await card(page, "Canonical head").innerText(), /#3/);
    assert.match(await card(page, "Finality").innerText(), /suspended[\s\S]*1 open contest/);
    assert.match(await card(page, "Bridge").innerText(), /1\.75 ETH/);
    assert.equal(await page.locator("#banner").isHidden(), true);
    await page.screenshot({ path: join(dir, "overview.png"), fullPage: true });
  });

  it("draws the rollup tree: the canonical chain, the fork on its own lane, the final rollup and the contest", async () => {
    await page.locator(".tab", { hasText: "Rollups" }).click();
    await page.waitForURL(`${explorer.url}/rollups`);
    const nodes = page.locator("svg.tree .rollup-node");
    await waitFor("the five rollups in the tree", async () => (await nodes.count()) === 5);
    const { tree } = network;
    const kindOf = async (hash: string) =>
      (await page.locator(`svg.tree .rollup-node[data-hash="${hash}"]`).getAttribute("class"))!.split(/\s+/);
    assert.ok((await kindOf(tree.r1)).includes("final"));
    assert.ok((await kindOf(tree.r2)).includes("canonical"));
    assert.ok((await kindOf(tree.r3)).includes("head"));
    assert.ok((await kindOf(tree.f2)).includes("fork"));
    assert.ok((await kindOf(tree.f3)).includes("fork"));
    assert.equal(await nodes.count(), 5);
    assert.equal(await page.locator("svg.tree .edge.fork").count(), 2, "R1→F2 and F2→F3");
    assert.equal(await page.locator("svg.tree .edge.canonical").count(), 3, "genesis→R1, R1→R2 and R2→R3");
    assert.equal(await page.locator("svg.tree .genesis").count(), 1);
    // The fork is drawn on a lane below the canonical chain.
    const y = async (hash: string) =>
      Number(await page.locator(`svg.tree .rollup-node[data-hash="${hash}"] circle`).first().getAttribute("cy"));
    assert.ok((await y(tree.f2)) > (await y(tree.r2)));
    assert.equal(await y(tree.r1), await y(tree.r3));
    assert.equal(await page.locator("svg.tree .final-label").textContent(), "final");
    assert.match(await page.locator(".panel", { hasText: "Contests" }).innerText(), /Open/);
    assert.match(await card(page, "Final head").innerText(), /#1/);
    await page.screenshot({ path: join(dir, "rollups.png"), fullPage: true });
  });

  it("opens a fork rollup from the tree, then its parent from the header", async () => {
    const { tree } = network;
    await page.locator(`svg.tree .rollup-node[data-hash="${tree.f3}"]`).click();
    await page.waitForURL(`${explorer.url}/rollups/${tree.f3}`);
    await page.locator("h1", { hasText: "Rollup #3" }).waitFor();
    assert.match(await page.locator("h1").innerText(), /fork/);
    assert.match(await card(page, "Finality").innerText(), /never[\s\S]*off the canonical chain/);
    await page.screenshot({ path: join(dir, "rollup.png"), fullPage: true });
    await page.locator(".kv dt:text-is('Parent') + dd a").click();
    await page.waitForURL(`${explorer.url}/rollups/${tree.f2}`);
    await page.locator("h1", { hasText: "Rollup #2" }).waitFor();
    await page.goBack();
    await page.waitForURL(`${explorer.url}/rollups/${tree.f3}`);
    await page.locator("h1", { hasText: "Rollup #3" }).waitFor();
  });

  it("shows the bridge tab: balances, the withdrawals held by the contest, the claimable ones and the deposits", async () => {
    await page.locator(".tab", { hasText: "Bridge" }).click();
    await page.waitForURL(`${explorer.url}/bridge`);
    const pending = page.locator(".panel", { hasText: "Pending withdrawals" });
    await pending.locator("tbody tr").first().waitFor();
    assert.equal(await pending.locator("tbody tr").count(), 1);
    assert.match(await pending.innerText(), /#2[\s\S]*held by a contest/);
    assert.match(await page.locator(".panel", { hasText: "Claimable withdrawals" }).innerText(), /#1/);
    assert.match(await page.locator(".panel", { hasText: "Balances" }).innerText(), /1\.75/);
    assert.equal(await page.locator(".panel", { hasText: "Recent deposits" }).locator("tbody tr").count(), 2);
    await page.screenshot({ path: join(dir, "bridge.png"), fullPage: true });
  });

  it("shows governance: the proposal and the council Safe", async () => {
    await page.locator(".tab", { hasText: "Governance" }).click();
    await page.locator(".panel", { hasText: "Proposals" }).getByText(network.proposalDescription).waitFor();
    assert.match(await page.locator(".panel", { hasText: "Security council" }).innerText(), /Safe/);
  });

  it("shows a banner while L1 is unreachable and drops it when L1 is back", async () => {
    await page.locator(".tab", { hasText: "Rollups" }).click();
    await page.locator("svg.tree .rollup-node").first().waitFor();
    proxy.down = true;
    try {
      await page.locator("#banner", { hasText: "L1 is unreachable" }).waitFor({ state: "visible" });
      // The last data stays on the page.
      assert.equal(await page.locator("svg.tree .rollup-node").count(), 5);
      await page.screenshot({ path: join(dir, "l1-down.png"), fullPage: true });
    } finally {
      proxy.down = false;
    }
    await page.locator("#banner").waitFor({ state: "hidden" });
    assert.deepEqual(errors, [], "no script error in the page");
  });
});
