import { ResponseEvent } from './load.types';

const isOk = (status: number): boolean => status >= 200 && status < 300;

/**
 * Kill → the end of the first 2xx whose request was sent after the kill (a request the old
 * leader cannot have answered); null when none came.
 */
export function recoveryAfterKill(events: readonly ResponseEvent[], killAt: number): number | null {
  let first = Infinity;
  for (const [endedAt, latencyMs, status] of events) {
    if (isOk(status) && endedAt - latencyMs >= killAt) first = Math.min(first, endedAt - killAt);
  }
  return first === Infinity ? null : first;
}

/** The longest time without any 2xx answer, from the kill until the last answer of the run. */
export function longestGapAfterKill(events: readonly ResponseEvent[], killAt: number): number {
  const ends = events
    .filter(([endedAt, , status]) => isOk(status) && endedAt >= killAt)
    .map(([endedAt]) => endedAt)
    .sort((a, b) => a - b);
  let previous = killAt;
  let longest = 0;
  for (const end of ends) {
    longest = Math.max(longest, end - previous);
    previous = end;
  }
  return longest;
}
