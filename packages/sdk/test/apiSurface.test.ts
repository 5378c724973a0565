import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import ts from "typescript";

/**
 * The shape of the public API, checked with the TypeScript compiler on `src/index.ts`:
 * - every action (a function exported from `src/actions/<module>/<name>.ts`) exports its
 *   `XParameters`, `XReturnType` and `XErrorType` from the main entry, takes `(client, parameters)`
 *   and documents `@throws` and an `@example`;
 * - every action is on a decorator: reads and watches on `publicActionsObscuroL1`, transactions
 *   (client with an account) on `walletActionsObscuroL1`;
 * - no module folder of `src/actions/` imports another's (no bridge ↔ rollup loop), no value import
 *   of the SDK's sources goes from a shared folder (utils, types, errors, …) into `actions/`, and
 *   nothing outside `src/devtools/` imports it (the main entry exports nothing dev).
 */
const src = fileURLToPath(new URL("../src/", import.meta.url));
const entry = join(src, "index.ts");
const config = ts.readConfigFile(fileURLToPath(new URL("../tsconfig.json", import.meta.url)), ts.sys.readFile);
const options = ts.parseJsonConfigFileContent(
  config.config,
  ts.sys,
  fileURLToPath(new URL("..", import.meta.url)),
).options;
const program = ts.createProgram([entry], { ...options, noEmit: true });
const checker = program.getTypeChecker();
const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
const exported = new Set(exports.map((s) => s.name));

interface Action {
  name: string;
  file: string;
  declaration: ts.FunctionDeclaration;
  /** Takes a client with an account: a transaction. */
  write: boolean;
}

const actions: Action[] = exports.flatMap((symbol) => {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target.declarations?.[0];
  if (!declaration || !ts.isFunctionDeclaration(declaration)) return [];
  const file = relative(src, declaration.getSourceFile().fileName);
  if (!file.startsWith("actions/")) return [];
  const client = declaration.parameters[0]?.type?.getText() ?? "";
  return [{ name: symbol.name, file, declaration, write: /Account/.test(client) }];
});

const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);

function decoratorMembers(typeName: string): string[] {
  const symbol = exports.find((s) => s.name === typeName)!;
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return checker
    .getDeclaredTypeOfSymbol(target)
    .getProperties()
    .map((p) => p.name)
    .sort();
}

describe("the SDK's public API", () => {
  it("exports every action file's action from the main entry", () => {
    const files = readdirSync(join(src, "actions"), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `actions/${f}`)
      .sort();
    assert.deepEqual(actions.map((a) => a.file).sort(), files);
    assert.ok(actions.length >= 50, `${actions.length} actions`);
  });

  it("gives every action its Parameters, ReturnType and ErrorType, (client, parameters), @throws and @example", () => {
    const problems: string[] = [];
    for (const { name, declaration } of actions) {
      for (const suffix of ["Parameters", "ReturnType", "ErrorType"]) {
        if (!exported.has(`${capitalized(name)}${suffix}`)) problems.push(`${name}: no ${capitalized(name)}${suffix}`);
      }
      const [client, parameters, ...rest] = declaration.parameters;
      if (client?.name.getText() !== "client" || !/^Client</.test(client.type?.getText() ?? "")) {
        problems.push(`${name}: the first parameter is not a viem Client named client`);
      }
      if (!parameters || rest.length > 0) problems.push(`${name}: not (client, parameters)`);
      const docs = ts.getJSDocTags(declaration).map((tag) => tag.tagName.text);
      if (!docs.includes("throws")) problems.push(`${name}: no @throws`);
      if (!docs.includes("example")) problems.push(`${name}: no @example`);
    }
    assert.deepEqual(problems, []);
  });

  it("puts every read and watch on publicActionsObscuroL1 and every transaction on walletActionsObscuroL1", () => {
    assert.deepEqual(
      decoratorMembers("PublicActionsObscuroL1"),
      actions
        .filter((a) => !a.write)
        .map((a) => a.name)
        .sort(),
    );
    assert.deepEqual(
      decoratorMembers("WalletActionsObscuroL1"),
      actions
        .filter((a) => a.write)
        .map((a) => a.name)
        .sort(),
    );
  });

  it("exports nothing dev from the main entry", () => {
    const dev = exports.filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.declarations?.some((d) => relative(src, d.getSourceFile().fileName).startsWith("devtools/"));
    });
    assert.deepEqual(
      dev.map((s) => s.name),
      [],
    );
    for (const name of [
      "DEV_AUDITOR_PRIVATE_KEYS",
      "DEV_ATTESTATION_VENDOR_PRIVATE_KEY",
      "buildDevReport",
      "foundDevNetwork",
    ]) {
      assert.ok(!exported.has(name), name);
    }
  });

  it("keeps module folders apart: no actions/<a> imports actions/<b>, no shared folder imports actions/", () => {
    const problems: string[] = [];
    for (const sourceFile of program.getSourceFiles()) {
      const file = relative(src, sourceFile.fileName);
      if (file.startsWith("..") || file.startsWith("generated/")) continue;
      for (const statement of sourceFile.statements) {
        if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
        const specifier = statement.moduleSpecifier;
        if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) continue;
        const target = relative(src, resolve(dirname(sourceFile.fileName), specifier.text));
        const from = file.split("/");
        const to = target.split("/");
        if (from[0] === "actions" && to[0] === "actions" && from[1] !== to[1]) problems.push(`${file} → ${target}`);
        const shared = ["utils", "types", "errors", "constants", "chain", "codec", "crypto", "attestation", "deploy"];
        const typeOnly = ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly;
        if (shared.includes(from[0]!) && to[0] === "actions" && !typeOnly) problems.push(`${file} → ${target}`);
        if (from[0] !== "devtools" && to[0] === "devtools") problems.push(`${file} → ${target}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("sends every transaction of an action through sendProtocolTransaction or the council path", () => {
    const problems: string[] = [];
    for (const { name, file, write } of actions) {
      if (!write) continue;
      const text = readFileSync(join(src, file), "utf8");
      if (!/sendProtocolTransaction|sendCouncilTransaction|executeThroughSafe|sendMeasurementStatement/.test(text)) {
        problems.push(`${name}: no send path`);
      }
      if (/writeContract|simulateContract|estimateContractGas|eth_sendTransaction/.test(text)) {
        problems.push(`${name}: sends outside the one send path`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
