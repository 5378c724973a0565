import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serializeManifest, type DeploymentManifest } from "./manifest.ts";

export interface WriteDeploymentManifestParameters {
  manifest: DeploymentManifest;
  /** Folder holding the manifests; the file is `<directory>/<chainId>.json`. */
  directory: string;
}

/** Writes `deployments/<chainId>.json` atomically (temp file + rename) and returns its path. */
export async function writeDeploymentManifest({
  manifest,
  directory,
}: WriteDeploymentManifestParameters): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, `${manifest.chainId}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, serializeManifest(manifest));
  await rename(temporary, path);
  return path;
}
