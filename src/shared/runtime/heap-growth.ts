import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 grow the heap to about (1 + percent/100) × what the last full collection kept before
 * it collects again (HEAP_GROWTH_PERCENT; 0 keeps V8's own rule). V8 allows up to 4× while
 * collecting is cheap, and under load a role's old space fills with requests that were in flight
 * when a scavenge ran: a frontend with 32 MB live reached 230 MB (docs/PERFORMANCE.md).
 * NODE_OPTIONS cannot carry this flag, so it is set here, before the application is built.
 */
export function limitHeapGrowth(percent: number, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
