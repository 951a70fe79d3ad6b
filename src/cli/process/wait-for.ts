import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Gives up after this long. */
  readonly timeoutMs: number;
  /** Pause between two probes. */
  readonly intervalMs?: number;
  /** Named in the timeout error, e.g. "order-2 to be healthy". */
  readonly description: string;
  /** Returns a reason to stop waiting at once (e.g. the process died), or undefined to go on. */
  readonly abortIf?: () => string | undefined;
}

/** A probe returns a value when the wait is over, or undefined (or throws) to be asked again. */
export type Probe<T> = () => Promise<T | undefined>;

/** Polls `probe` until it yields a value; throws with the last failure once `timeoutMs` is spent. */
export async function waitFor<T>(probe: Probe<T>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no answer yet';
  for (;;) {
    const abortReason = options.abortIf?.();
    if (abortReason !== undefined) {
      throw new Error(`gave up waiting for ${options.description}: ${abortReason}`);
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastProblem = 'condition not met';
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.description} (${lastProblem})`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

/** One `GET {baseUrl}/health`; resolves true on 200, throws with the status otherwise. */
export async function probeHealth(baseUrl: string, requestTimeoutMs = 1000): Promise<true> {
  const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(requestTimeoutMs) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /health answered ${response.status}`);
  return true;
}

export type HealthWaitOptions = Omit<WaitOptions, 'description'> & { readonly description?: string };

/** Polls `GET {baseUrl}/health` until it answers 200. */
export async function waitForHealthy(baseUrl: string, options: HealthWaitOptions): Promise<void> {
  await waitFor(() => probeHealth(baseUrl), {
    description: `${baseUrl}/health to answer 200`,
    ...options,
  });
}
