/**
 * Writes `test-fixtures/dcap-derived/quote-fields.json`: INDEX.md §4 as JSON, for the Solidity
 * tests (which cannot read markdown). `quoteFields.test.ts` fails if the file and INDEX.md differ.
 *
 *   node packages/sdk/test/attestation/dcap/deriveQuoteFields.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { DERIVED, indexedQuotes } from "./fixtures.ts";

export function quoteFieldsJson(): string {
  return `${JSON.stringify({ source: "test-fixtures/dcap/INDEX.md §4", quotes: indexedQuotes() }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(DERIVED, { recursive: true });
  writeFileSync(`${DERIVED}quote-fields.json`, quoteFieldsJson());
  console.log(`wrote ${DERIVED}quote-fields.json`);
}
