#!/usr/bin/env node
import { buildProgram } from "./program.ts";
import { reportFatal } from "./util/output.ts";

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error, process.argv.includes("--json"));
}
