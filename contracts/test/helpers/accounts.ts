type Tuple<T, N extends number, R extends T[] = []> = R["length"] extends N ? R : Tuple<T, N, [...R, T]>;

/** Returns the first `count` items as a tuple: a test setup with too few accounts fails loudly. */
export function takeAccounts<T, N extends number>(items: readonly T[], count: N): Tuple<T, N> {
  if (items.length < count) throw new Error(`need ${count} accounts, the network has ${items.length}`);
  return items.slice(0, count) as Tuple<T, N>;
}
