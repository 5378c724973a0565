/*
 * The one writer of docs/benchmarks.md. Each bench script prints its Markdown section and, with
 * `--write`, hands it here: the section replaces the text between its two markers (its heading or
 * an HTML comment, then an end comment), or is appended when the document does not hold it yet.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";

/** The document every benchmark writes its section of. */
export const BENCHMARKS_DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));

const PREAMBLE =
  "# Benchmarks\n\nTimings of the project's off-chain code. Each section is written by its benchmark script.\n";

/**
 * Replaces the section that starts at `begin` and ends after `end` in docs/benchmarks.md with
 * `section` (which carries both markers), formatted as `npm run format` would so that
 * `npm run lint` (prettier --check) stays green. Returns the document's path.
 */
export async function writeBenchmarkSection(section: string, markers: { begin: string; end: string }): Promise<string> {
  const doc = await readFile(BENCHMARKS_DOC, "utf8").catch(() => PREAMBLE);
  const start = doc.indexOf(markers.begin);
  const end = doc.indexOf(markers.end);
  const next =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + markers.end.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  const options = { ...(await resolveConfig(BENCHMARKS_DOC)), filepath: BENCHMARKS_DOC };
  await writeFile(BENCHMARKS_DOC, await format(next, options));
  return BENCHMARKS_DOC;
}
