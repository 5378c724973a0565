import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Per-file compiler overrides for every `.sol` file under the given directories. Hardhat 3 keys
 * overrides by each compilation root's source name (its path from the project root), so each file
 * is listed. Used for the sources that need viaIR + optimizer in the fast default (test) profile
 * (OpenZeppelin's P256, used by the DCAP verifier, compiles only that way: the DCAP sources and
 * the tests that import them), and for the L2 system contracts, built for the L2's EVM (prague)
 * in every profile. Everything else keeps the profile's settings.
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
