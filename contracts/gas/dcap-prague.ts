/**
 * The DCAP gas scenarios on a chain without the P-256 precompile (anvil at prague): every P-256
 * verification runs OpenZeppelin's Solidity fallback. Not part of the snapshot (which is osaka);
 * the numbers are recorded in docs/attestation-dcap.md.
 *
 *   npm run build && node contracts/gas/dcap-prague.ts
 */
import { withGasContext } from "./context.ts";
import { dcapScenarios } from "./scenarios/dcap.ts";

await withGasContext({ hardfork: "prague" }, async (run) => {
  for (const scenario of dcapScenarios) {
    await run.isolated(scenario.name, async (context) => {
      const receipt = await context.waitForReceipt(await scenario.run(context));
      console.log(`  ${scenario.name.padEnd(56)} ${String(receipt.gasUsed).padStart(10)} gas  ${receipt.status}`);
    });
  }
});
