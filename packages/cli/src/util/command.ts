import { BaseError, ContractCallRevertedError } from "@obscuro/sdk";
import type { Command } from "commander";
import {
  BaseError as ViemBaseError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
  WaitForTransactionReceiptTimeoutError,
} from "viem";
import { CliError, ExitCode } from "./errors.ts";
import { jsonReplacer } from "./format.ts";
import { dim, red } from "./output.ts";
import { revertSentence } from "./reverts.ts";

/*
 * How every role command talks: progress on stderr (one line per wait), the result on stdout (text,
 * or one JSON object with --json), and a failure as one sentence naming the cause on stderr (and
 * `{ "error": … }` on stdout with --json), with exit code 1 (refused or failed) or 2 (bad input).
 */

/** A line of progress, on stderr: what the command is doing or waiting for. */
export function progress(text: string): void {
  process.stderr.write(`${dim("›")} ${text}\n`);
}

/** Prints a value as JSON on stdout (bigints as decimal strings). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

/** Prints text lines on stdout. */
export function print(...lines: string[]): void {
  for (const line of lines) process.stdout.write(`${line}\n`);
}

/** A failure as a person and a script see it. */
export interface ExplainedError {
  code: string;
  /** One sentence naming the cause. */
  message: string;
  details?: string | undefined;
  exitCode: ExitCode;
  /** For a contract's refusal: the Solidity error. */
  errorName?: string | undefined;
}

/** Turns whatever a command threw into one sentence, a stable code and an exit code. */
export function explainError(error: unknown): ExplainedError {
  if (error instanceof CliError) {
    return { code: error.code, message: error.shortMessage, details: error.details, exitCode: error.exitCode };
  }
  if (error instanceof ContractCallRevertedError) {
    return {
      code: error.code,
      message: revertSentence(error),
      details: `${error.contractName}.${error.functionName} would revert${error.errorName ? ` with ${error.errorName}` : ""}; nothing was sent`,
      exitCode: ExitCode.Failed,
      errorName: error.errorName,
    };
  }
  if (error instanceof BaseError) {
    return { code: error.code, message: error.shortMessage, details: error.details, exitCode: ExitCode.Failed };
  }
  if (error instanceof ViemBaseError) {
    const funds = error.walk((e) => e instanceof InsufficientFundsError);
    if (funds) {
      return {
        code: "INSUFFICIENT_FUNDS",
        message: "The sending account cannot pay for the transaction: send it some ETH first.",
        details: error.shortMessage,
        exitCode: ExitCode.Failed,
      };
    }
    const http = error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) as
      HttpRequestError | TimeoutError | null;
    if (http) {
      return {
        code: "L1_UNREACHABLE",
        message: `Cannot reach the L1 at ${(http as { url?: string }).url ?? "its RPC URL"}.`,
        details: http.shortMessage,
        exitCode: ExitCode.Failed,
      };
    }
    if (error instanceof WaitForTransactionReceiptTimeoutError) {
      return { code: "TRANSACTION_TIMEOUT", message: error.shortMessage, exitCode: ExitCode.Failed };
    }
    return { code: "L1_ERROR", message: error.shortMessage, details: error.details, exitCode: ExitCode.Failed };
  }
  return {
    code: "UNEXPECTED",
    message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    details: error instanceof Error ? error.stack : undefined,
    exitCode: ExitCode.Failed,
  };
}

/** Prints a failure (stderr; also stdout JSON with --json) and returns its exit code. */
export function reportFailure(error: unknown, json: boolean): ExitCode {
  const explained = explainError(error);
  process.stderr.write(`${red("✖")} ${explained.message}\n`);
  if (explained.details) process.stderr.write(`  ${dim(explained.details)}\n`);
  process.stderr.write(`  ${dim(`(${explained.code})`)}\n`);
  if (json) {
    const { exitCode: _exitCode, ...rest } = explained;
    printJson({ error: rest });
  }
  return explained.exitCode;
}

/**
 * Wraps a command's handler: whatever it throws is reported as one sentence with its exit code
 * (commander passes the positional arguments, the options, then the command itself).
 */
export function handler<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    try {
      await run(...args);
    } catch (error) {
      process.exitCode = reportFailure(error, Boolean(command.opts().json));
    }
  };
}
