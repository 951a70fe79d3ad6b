import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { integerFlag, parseFlags } from '../args/cli-args';

export interface EvalPlan {
  readonly mode: 'quick' | 'full';
  readonly pValues: readonly number[];
  readonly clients: number;
  readonly iterations: number;
  /** CACHE_SIZE of the latency experiment's cache-on cluster: holds every stock, so misses come from invalidations. */
  readonly latencyCacheSize: number;
  readonly timeline: {
    readonly cacheSize: number;
    readonly p: number;
    readonly iterations: number;
    readonly pollMs: number;
  };
  readonly crash: {
    readonly p: number;
    readonly cycles: number;
    /** Load before the first kill, and between a restart and the next kill. */
    readonly settleMs: number;
    /** How long a killed replica stays down. */
    readonly downMs: number;
    readonly binSeconds: number;
  };
}

export interface EvalOptions {
  readonly plan: EvalPlan;
  readonly seed: number;
  /** The report goes to `<outDir>/EVALUATION.md`, plots and results.json to `<outDir>/evaluation/`. */
  readonly outDir: string;
  /** Re-render plots and report from this results.json instead of measuring. */
  readonly fromResults?: string;
  readonly help: boolean;
}

export const EVAL_USAGE = `Usage: npm run eval -- [options]   (run \`npm run build\` first)

Starts its own clusters (temporary data dirs, free ports) and measures: latency per request type for
p = 0, 0.2, 0.4, 0.6, 0.8 with the cache on and off; the cache's contents over time with a small
cache; and a crash experiment that SIGKILLs order replicas (the leader first) while clients run.
Writes EVALUATION.md, SVG plots and results.json.

  --quick      CI-sized run (about a minute or two); writes to docs/evaluation-quick/ unless --out is given
  --out DIR    output root (default docs/): DIR/EVALUATION.md and DIR/evaluation/*
  --from-results FILE  only re-render plots and report from an earlier results.json
  --seed N     PRNG seed for the clients and the choice of replicas to kill (default: random)
  -h, --help   show this text`;

const P_VALUES = [0, 0.2, 0.4, 0.6, 0.8];

export const FULL_PLAN: EvalPlan = {
  mode: 'full',
  pValues: P_VALUES,
  clients: 5,
  iterations: 200,
  latencyCacheSize: 20,
  timeline: { cacheSize: 3, p: 0.2, iterations: 150, pollMs: 100 },
  crash: { p: 0.5, cycles: 6, settleMs: 5000, downMs: 3000, binSeconds: 0.5 },
};

export const QUICK_PLAN: EvalPlan = {
  mode: 'quick',
  pValues: P_VALUES,
  clients: 5,
  iterations: 25,
  latencyCacheSize: 20,
  timeline: { cacheSize: 3, p: 0.2, iterations: 30, pollMs: 100 },
  crash: { p: 0.5, cycles: 2, settleMs: 2000, downMs: 1500, binSeconds: 0.5 },
};

/** `root` is the repository root (where docs/ lives). */
export function parseEvalOptions(argv: readonly string[], root: string): EvalOptions {
  const values = parseFlags(argv, {
    quick: { type: 'boolean' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'from-results': { type: 'string' },
  });
  const seed = integerFlag('--seed', values.seed, 0, 2 ** 32 - 1) ?? randomInt(2 ** 31);
  const quick = values.quick ?? false;
  const defaultOut = quick ? 'docs/evaluation-quick' : 'docs';
  return {
    plan: quick ? QUICK_PLAN : FULL_PLAN,
    seed,
    outDir: resolve(root, values.out ?? defaultOut),
    fromResults: values['from-results'] === undefined ? undefined : resolve(values['from-results']),
    help: values.help ?? false,
  };
}
