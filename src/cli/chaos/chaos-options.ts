import { resolve } from 'node:path';
import { integerFlag, parseFlags } from '../args/cli-args';
import { Topology, TOPOLOGY_FLAGS, TOPOLOGY_USAGE, topologyOf } from '../args/topology-flags';

export interface ChaosOptions extends Topology {
  readonly seconds: number;
  readonly clients: number;
  readonly killEveryMs: number;
  /** How long a killed process stays down before it is started again. */
  readonly downMs: number;
  readonly killCatalog: boolean;
  readonly killFrontend: boolean;
  /** Also freeze processes (SIGSTOP for pauseMs, then SIGCONT), the leader included. */
  readonly pause: boolean;
  readonly pauseMs: number;
  readonly seed: number;
  readonly reportDir: string;
  readonly heartbeatMs: number;
  /** The catalog's restock job period (0: off) and threshold. */
  readonly restockMs: number;
  readonly restockThreshold: number;
  /** How long stopped clients may take to settle the trade they are retrying. */
  readonly drainTimeoutMs: number;
  /** How long the cluster may take, after the run, to have three ready replicas with one log. */
  readonly settleTimeoutMs: number;
  readonly logs: boolean;
  readonly help: boolean;
}

export const CHAOS_USAGE = `Usage: npm run chaos -- [options]

Starts a fresh cluster in a temporary folder, runs trading clients that retry with Idempotency-Keys,
SIGKILLs a random order replica (the leader at least every other time) every few seconds and starts
it again, then checks that no acknowledged order was lost, numbered twice or applied twice.
Writes <report-dir>/chaos-report.json and <report-dir>/CHAOS.md; exits 1 on any violation.
With several frontends the clients are spread over them and move to the next frontend on a
connection error; with several frontends (catalogs) the killer kills frontends (catalogs) too.

  --seconds N          how long the clients trade (default 120)
  --clients N          concurrent trading clients (default 5)
  --kill-every-ms MS   pause between a victim being healthy again and the next kill (default 3000)
  --down-ms MS         how long a killed process stays down (default 800)
  --kill-catalog       also kill and restart a catalog now and then (always with several)
  --kill-frontend      also kill and restart a frontend now and then (always with several)
  --pause              every other pair of faults freezes its victims (SIGSTOP, then SIGCONT) instead
  --pause-ms MS        how long a frozen process stays stopped (default 2000)
  --seed N             seed for the clients' and the killer's choices (default: random)
  --report-dir DIR     where the reports go (default docs/chaos)
  --heartbeat-ms MS    the frontend's leader heartbeat (default 200)
  --restock-ms MS      run the catalog's restock job this often (default 0: off); restocks are
                       journaled and counted by the conservation check
  --restock-threshold N  restock a stock that falls below N (default 10)
  --drain-timeout MS   how long stopped clients may take to finish their last trade (default 30000)
  --settle-timeout MS  how long the cluster may take to settle after the run (default 60000)
${TOPOLOGY_USAGE}
  --logs               print every process's output
  -h, --help           show this text`;

export function parseChaosOptions(
  argv: readonly string[],
  randomSeed = (): number => Date.now() % 1_000_000,
): ChaosOptions {
  const values = parseFlags(argv, {
    seconds: { type: 'string' },
    clients: { type: 'string' },
    'kill-every-ms': { type: 'string' },
    'down-ms': { type: 'string' },
    'kill-catalog': { type: 'boolean' },
    'kill-frontend': { type: 'boolean' },
    pause: { type: 'boolean' },
    'pause-ms': { type: 'string' },
    seed: { type: 'string' },
    'report-dir': { type: 'string' },
    'heartbeat-ms': { type: 'string' },
    'restock-ms': { type: 'string' },
    'restock-threshold': { type: 'string' },
    'drain-timeout': { type: 'string' },
    'settle-timeout': { type: 'string' },
    logs: { type: 'boolean' },
    ...TOPOLOGY_FLAGS,
  });
  const topology = topologyOf(values);
  return {
    ...topology,
    seconds: integerFlag('--seconds', values.seconds, 1, 86_400) ?? 120,
    clients: integerFlag('--clients', values.clients, 1, 200) ?? 5,
    killEveryMs: integerFlag('--kill-every-ms', values['kill-every-ms'], 200, 3_600_000) ?? 3000,
    downMs: integerFlag('--down-ms', values['down-ms'], 0, 600_000) ?? 800,
    killCatalog: (values['kill-catalog'] ?? false) || topology.catalogs > 1,
    killFrontend: (values['kill-frontend'] ?? false) || topology.frontends > 1,
    pause: values.pause ?? false,
    pauseMs: integerFlag('--pause-ms', values['pause-ms'], 1, 600_000) ?? 2000,
    seed: integerFlag('--seed', values.seed, 0, 2 ** 32 - 1) ?? randomSeed(),
    reportDir: resolve(values['report-dir'] ?? 'docs/chaos'),
    heartbeatMs: integerFlag('--heartbeat-ms', values['heartbeat-ms'], 50, 60_000) ?? 200,
    restockMs: integerFlag('--restock-ms', values['restock-ms'], 0, 86_400_000) ?? 0,
    restockThreshold: integerFlag('--restock-threshold', values['restock-threshold'], 0, 1_000_000) ?? 10,
    drainTimeoutMs: integerFlag('--drain-timeout', values['drain-timeout'], 1000, 3_600_000) ?? 30_000,
    settleTimeoutMs: integerFlag('--settle-timeout', values['settle-timeout'], 1000, 3_600_000) ?? 60_000,
    logs: values.logs ?? false,
    help: values.help ?? false,
  };
}
