import { hexToBytes } from "viem";
import { bloomContains, type RawLog } from "../execution/encoding.ts";
import type { LogFilter } from "../types.ts";

/** A `LogFilter` prepared for matching raw logs and block blooms. */
export interface CompiledLogFilter {
  /** Whether a block with this bloom may hold a matching log. */
  mayMatch(bloom: Uint8Array): boolean;
  matches(log: RawLog): boolean;
}

export function compileLogFilter(filter: LogFilter): CompiledLogFilter {
  const addresses = toList(filter.address).map((a) => hexToBytes(a));
  const topics = (filter.topics ?? []).map((position) =>
    position === null ? null : toList(position).map((t) => hexToBytes(t)),
  );
  return {
    mayMatch(bloom) {
      if (addresses.length > 0 && !addresses.some((a) => bloomContains(bloom, a))) return false;
      return topics.every(
        (options) => options === null || options.length === 0 || options.some((t) => bloomContains(bloom, t)),
      );
    },
    matches([address, logTopics]) {
      if (addresses.length > 0 && !addresses.some((a) => equal(a, address))) return false;
      return topics.every((options, i) => {
        if (options === null || options.length === 0) return true;
        const topic = logTopics[i];
        return topic !== undefined && options.some((t) => equal(t, topic));
      });
    },
  };
}

function toList<T extends string>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value as T] : (value as readonly T[]);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
