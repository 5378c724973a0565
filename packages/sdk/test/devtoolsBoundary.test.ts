import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { ESLint } from "eslint";

/**
 * The devtools boundary bites: eslint's `no-restricted-imports` and `no-restricted-syntax`
 * (eslint.config.js) fail code outside what is dev by nature that imports the dev keys, or spells
 * out the public seeds they derive from; the same code passes where it is dev by nature.
 */
const root = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function violations(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax")
    .map((m) => m.ruleId!);
}

const IMPORTS_KEYS = `import { DEV_AUDITOR_PRIVATE_KEYS } from "@obscuro/sdk/devtools";\nexport const keys = DEV_AUDITOR_PRIVATE_KEYS;\n`;
const IMPORTS_KEYS_RELATIVE = `import { DEV_AUDITOR_PRIVATE_KEYS } from "../../devtools/devKeys.ts";\nexport const keys = DEV_AUDITOR_PRIVATE_KEYS;\n`;
const SPELLS_SEED = `import { keccak256, toHex } from "viem";\nexport const key = keccak256(toHex("obscuro/dev/auditor/0"));\n`;

describe("the devtools boundary", () => {
  it("fails lint where code is not dev by nature", async () => {
    assert.deepEqual(await violations(IMPORTS_KEYS, "packages/cli/src/cmds/wallet/handler.ts"), [
      "no-restricted-imports",
    ]);
    assert.deepEqual(await violations(IMPORTS_KEYS, "packages/node/src/host.ts"), ["no-restricted-imports"]);
    assert.deepEqual(await violations(IMPORTS_KEYS_RELATIVE, "packages/sdk/src/actions/network/registerNode.ts"), [
      "no-restricted-imports",
    ]);
    assert.deepEqual(await violations(SPELLS_SEED, "packages/sdk/src/deploy/settings.ts"), ["no-restricted-syntax"]);
  });

  it("passes where code is dev by nature", async () => {
    for (const path of [
      "packages/sdk/src/devtools/foundDevNetwork.ts",
      "packages/sdk/test/anything.test.ts",
      "contracts/test/helpers/devNetwork.ts",
      "packages/sdk/examples/deposit-and-watch.ts",
      "contracts/gas/scenarios/network.ts",
      "packages/cli/src/cmds/devnet/handler.ts",
    ]) {
      assert.deepEqual(await violations(IMPORTS_KEYS, path), [], path);
      assert.deepEqual(await violations(SPELLS_SEED, path), [], path);
    }
  });
});
