import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/*
 * The devtools boundary. The dev keys (vendor, auditors, council: public, anyone can compute them),
 * the dev reports they sign and the devnet's founding live in `@obscuro/sdk/devtools`, and only
 * code that is dev by nature may import it: the devtools themselves, tests, examples, the SDK's
 * vector and bench scripts, the gas scenarios (they measure a dev deployment), the attestation
 * vector generator and the CLI's `devnet` command. Anything else (the SDK's main entry, the other
 * CLI commands, the node, the gateway, the explorer) fails lint if it imports them, or spells out
 * the public seeds they derive from. packages/sdk/test/devtoolsBoundary.test.ts proves the rule bites.
 */
export const DEV_BY_NATURE = [
  "packages/sdk/src/devtools/**",
  "**/test/**",
  "packages/*/examples/**",
  "packages/sdk/scripts/**",
  "packages/sdk/bench/**",
  "packages/gateway/bench/**",
  "packages/node/bench/**",
  "contracts/gas/**",
  "contracts/scripts/lib/attestationVectors.ts",
  "packages/cli/src/cmds/devnet/**",
  // the simulated TEE of dev and test networks
  "packages/enclave/src/enclave/devAttestation.ts",
];

const DEVTOOLS_MESSAGE =
  "Dev keys and dev reports are for tests and devnets only: import them from @obscuro/sdk/devtools, and only where dev by nature (eslint.config.js, DEV_BY_NATURE).";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/artifacts/**",
      "**/artifacts-production/**",
      "**/cache/**",
      "**/cache-production/**",
      "**/coverage/**",
      "**/dist/**",
      "packages/sdk/src/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The explorer's page script: plain JavaScript served as is to browsers (no build step).
    files: ["packages/explorer/src/web/**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["**/*.ts"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.ts"],
    ignores: DEV_BY_NATURE,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/devtools", "**/devtools/*", "**/devtools/**"], message: DEVTOOLS_MESSAGE }],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "Literal[value=/^obscuro\\/dev\\//]",
          message: `Do not derive dev keys or dev measurements outside the devtools. ${DEVTOOLS_MESSAGE}`,
        },
        {
          selector: "TemplateElement[value.raw=/^obscuro\\/dev\\//]",
          message: `Do not derive dev keys or dev measurements outside the devtools. ${DEVTOOLS_MESSAGE}`,
        },
      ],
    },
  },
);
