import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Per-file compiler overrides for the sources that need viaIR + optimizer in the fast default
 * (test) profile: OpenZeppelin's P256 (used by the DCAP verifier) compiles only that way. Hardhat
 * 3 keys overrides by each compilation root's source name (its path from the project root), so
 * every `.sol` file under the given directories — the DCAP sources and the tests that import
 * them — is listed. Everything else keeps the fast legacy pipeline.
 */
export function viaIrOverrides<T>(projectRoot: string, directories: string[], compiler: T): Record<string, T> {
  const overrides: Record<string, T> = {};
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".sol")) overrides[relative(projectRoot, path).split(sep).join("/")] = compiler;
    }
  };
  for (const directory of directories) walk(join(projectRoot, directory));
  return overrides;
}
