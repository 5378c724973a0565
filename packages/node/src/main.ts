#!/usr/bin/env node
import { runNode } from "./run.ts";

/** The `obscuro-node` process: `obscuro-node --config FILE` (what `obscuro node` runs). */
runNode(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { shortMessage?: string; message: string; details?: string };
    process.stderr.write(`obscuro node: ${e.shortMessage ?? e.message}${e.details ? ` (${e.details})` : ""}\n`);
    process.exit(1);
  },
);
