import { Command, InvalidArgumentError } from "commander";

function powerOfTwo(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0) throw new InvalidArgumentError("not a power of two.");
  return n;
}

/** `obscuro account new|import|list`: keystore v3 files for the wallet commands. */
export function accountCommand(): Command {
  const account = new Command("account").description(
    "Create, import and list keystore v3 files (Web3 Secret Storage).",
  );
  const lazy = (name: "runNew" | "runImport" | "runList") => async (options: Record<string, unknown>) =>
    (await import("./handler.ts"))[name](options as never);
  account
    .command("new")
    .description("Create a key and write it to a new keystore (scrypt, AES-128-CTR).")
    .option("--keystore <file>", "where to write it (default: ~/.obscuro/keystore/UTC--<time>--<address>.json)")
    .option("--password-file <file>", "the password, first line (else OBSCURO_PASSWORD, else asked)")
    .option("--scrypt-n <n>", "scrypt cost N, a power of two (default 131072)", powerOfTwo)
    .option("--json", "print one JSON object instead of text", false)
    .action(lazy("runNew"));
  account
    .command("import")
    .description("Encrypt an existing private key (from a file) into a new keystore.")
    .requiredOption("--private-key-file <file>", "a file holding the private key in hex")
    .option("--keystore <file>", "where to write it (default: ~/.obscuro/keystore/UTC--<time>--<address>.json)")
    .option("--password-file <file>", "the password, first line (else OBSCURO_PASSWORD, else asked)")
    .option("--scrypt-n <n>", "scrypt cost N, a power of two (default 131072)", powerOfTwo)
    .option("--json", "print one JSON object instead of text", false)
    .action(lazy("runImport"));
  account
    .command("list")
    .description("List the keystores of a directory and their accounts.")
    .option("--dir <dir>", "default: ~/.obscuro/keystore")
    .option("--json", "print one JSON object instead of text", false)
    .action(lazy("runList"));
  return account;
}
