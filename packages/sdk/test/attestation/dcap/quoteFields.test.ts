import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { quoteFieldsJson } from "./deriveQuoteFields.ts";
import { DERIVED } from "./fixtures.ts";

describe("test-fixtures/dcap-derived/quote-fields.json", () => {
  it("is INDEX.md §4, unchanged (regenerate with deriveQuoteFields.ts)", () => {
    assert.equal(readFileSync(`${DERIVED}quote-fields.json`, "utf8"), quoteFieldsJson());
  });
});
