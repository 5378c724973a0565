import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The current git commit (with `-dirty` when the tree has changes), or `unknown` outside a checkout. */
export async function currentCommit(cwd = process.cwd()): Promise<string> {
  try {
    const { stdout: head } = await run("git", ["rev-parse", "HEAD"], { cwd });
    const { stdout: status } = await run("git", ["status", "--porcelain", "--untracked-files=no"], { cwd });
    return `${head.trim()}${status.trim() ? "-dirty" : ""}`;
  } catch {
    return "unknown";
  }
}
