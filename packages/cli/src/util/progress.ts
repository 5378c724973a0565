/**
 * One progress line on stderr for a command's waits (L1 confirmation, L2 credit, rollup, finality
 * countdown): rewritten in place on a terminal, one line per change otherwise (logs, tests).
 */
export class Progress {
  readonly #tty = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  #last = "";

  update(text: string): void {
    if (text === this.#last) return;
    this.#last = text;
    if (this.#tty) process.stderr.write(`\r\u001b[2K› ${text}`);
    else process.stderr.write(`› ${text}\n`);
  }

  /** Ends the current line (a step finished). */
  done(text: string): void {
    this.#last = "";
    if (this.#tty) process.stderr.write(`\r\u001b[2K✔ ${text}\n`);
    else process.stderr.write(`✔ ${text}\n`);
  }
}

/** Prints a command's result: one JSON object with `--json`, else the lines for a person. */
export function printResult(json: boolean, value: Record<string, unknown>, lines: string[]): void {
  if (json) console.log(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
  else for (const line of lines) console.log(line);
}
