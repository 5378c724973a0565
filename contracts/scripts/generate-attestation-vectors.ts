/**
 * Writes the shared attestation test vectors to test/attestation/vectors/dev-reports.json.
 * Run after changing the report format or the SDK encoders: `npm run vectors -w @obscuro/contracts`.
 */
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeAttestationVectors } from "./lib/attestationVectors.ts";

export const VECTORS_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "test",
  "attestation",
  "vectors",
  "dev-reports.json",
);

await writeFile(VECTORS_PATH, await serializeAttestationVectors());
console.log(`wrote ${VECTORS_PATH}`);
