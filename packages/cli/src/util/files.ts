import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { usageError } from "./errors.ts";
import { jsonReplacer } from "./format.ts";

/**
 * Writes a JSON file that must not exist yet (a signature is never silently replaced).
 * @throws {CliError} `FILE_EXISTS` when it exists, `FILE_WRITE` when it cannot be written (exit 2).
 */
export async function writeNewJsonFile(path: string, value: unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(value, jsonReplacer, 2)}\n`, { flag: "wx" });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST") {
      throw usageError("FILE_EXISTS", `${path} exists already: choose another --out, or remove it first.`);
    }
    throw usageError("FILE_WRITE", `Cannot write ${path}.`, { cause, details: (cause as Error).message });
  }
}

/**
 * Reads a JSON file.
 * @throws {CliError} `FILE_READ` when it cannot be read or is not JSON (exit 2).
 */
export async function readJsonFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw usageError("FILE_READ", `Cannot read ${path}.`, { cause, details: (cause as Error).message });
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
    return value as Record<string, unknown>;
  } catch (cause) {
    throw usageError("FILE_READ", `${path} is not a JSON object.`, { cause });
  }
}
