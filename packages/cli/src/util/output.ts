import { BaseError } from "@obscuro/sdk";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

export const bold = paint(1);
export const dim = paint(2);
export const green = paint(32);
export const red = paint(31);
export const cyan = paint(36);

/** Prints a step that finished. */
export function done(text: string): void {
  console.log(`${green("✔")} ${text}`);
}

/** Prints a step that is starting. */
export function step(text: string): void {
  console.log(`${cyan("›")} ${text}`);
}

/** Prints an error for a person (message + details, no stack for expected errors) and returns the exit code. */
export function reportFatal(error: unknown): number {
  if (error instanceof BaseError) {
    console.error(`${red("✖")} ${error.shortMessage}${error.details ? `\n  ${dim(error.details)}` : ""}`);
    for (const line of error.metaMessages) console.error(`  ${dim(line)}`);
    console.error(dim(`  (${error.code})`));
    return 1;
  }
  console.error(`${red("✖")} Unexpected error`);
  console.error(error);
  return 1;
}

/** Prints something the user must notice (a child process that died, …). */
export function warn(text: string): void {
  console.log(`${red("!")} ${text}`);
}
