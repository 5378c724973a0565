import { BaseError } from "@obscuro/sdk";

/** A wait ran out of time (the `--timeout` of the command). */
export class WaitTimeoutError extends BaseError {
  readonly code = "WAIT_TIMEOUT";
}

/**
 * Waits until `check` gives a value: checked once `wake` is in place (so no block after the first
 * check goes unnoticed), then on every `wake` (a new L1 or L2 block), one check at a time, for at
 * most `timeoutMs`.
 * @throws {WaitTimeoutError} naming `what` when the time is up.
 */
export async function waitUntil<T>(parameters: {
  what: string;
  check: () => Promise<T | undefined>;
  wake: (notify: () => void) => Promise<() => void>;
  timeoutMs: number;
}): Promise<T> {
  const { what, check, wake, timeoutMs } = parameters;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let running = false;
    let again = false;
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new WaitTimeoutError(`Gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s.`)),
        ),
      timeoutMs,
    );
    let stop: () => void = () => undefined;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      settle();
    };
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined) return finish(() => resolve(value));
        } while (again && !settled);
      } catch (error) {
        finish(() => reject(error));
      } finally {
        running = false;
      }
    };
    wake(() => void run()).then(
      (unsubscribe) => {
        if (settled) return unsubscribe();
        stop = unsubscribe;
        void run();
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
