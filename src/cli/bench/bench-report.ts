import { AdapterResults, BenchResults, TargetCheck } from './bench-results.types';
import {
  catchUpTable,
  failoverTable,
  markdownTable,
  memoryTable,
  Table,
  textTable,
  throughputTable,
} from './bench-rows';

function tablesOf(result: AdapterResults): { title: string; table: Table }[] {
  const tables: { title: string; table: Table | undefined }[] = [
    { title: 'throughput and latency', table: throughputTable(result) },
    { title: 'failover (SIGKILL of the leader under trade load)', table: failoverTable(result) },
    { title: 'catch-up of a replica that missed orders', table: catchUpTable(result) },
    { title: 'resident memory (VmRSS)', table: memoryTable(result) },
  ];
  return tables.filter(
    (entry): entry is { title: string; table: Table } => entry.table !== undefined && entry.table.rows.length > 0,
  );
}

const MARK: Readonly<Record<TargetCheck['status'], string>> = {
  met: 'MET',
  missed: 'MISSED',
  'not measured': 'not measured',
};

function targetTable(targets: readonly TargetCheck[]): Table {
  return {
    headers: ['target', 'status', 'measured'],
    rows: targets.map((check) => [check.target, MARK[check.status], check.measured]),
  };
}

/** What the run prints at the end. */
export function consoleReport(results: BenchResults): string {
  const parts: string[] = [];
  for (const result of results.adapters) {
    for (const { title, table } of tablesOf(result)) parts.push(`${result.adapter} — ${title}\n${textTable(table)}`);
  }
  parts.push(`targets\n${textTable(targetTable(results.targets))}`);
  return parts.join('\n\n');
}

function machineSection(results: BenchResults): string {
  const { machine, sizes } = results;
  return [
    `- machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.platform}`,
    `- Node ${machine.nodeVersion}; run on ${machine.date}; load average ${machine.loadAverageStart} at the start, ${machine.loadAverageEnd ?? '?'} at the end`,
    `- mode: ${results.mode}; adapters: ${results.adapters.map((result) => result.adapter).join(', ')}; scenarios: ${results.scenarios.join(', ')}`,
    `- CPU placement: ${results.pinning}`,
    `- durations: ${sizes.warmupSec} s warm-up + ${sizes.durationSec} s per load run; lookups and order queries with ${sizes.readConnections} connections; trades at ${sizes.tradeClients.join(', ')} clients; ${sizes.failoverRounds} failover round(s) with ${sizes.failoverClients} clients (kill after ${sizes.killAfterMs} ms, ${sizes.afterKillMs} ms more); catch-up of ${sizes.catchUpOrders} orders; total ${results.durationSec.toFixed(0)} s`,
  ].join('\n');
}

const method = (failoverClients: number): string => `## How it is measured

\`npm run bench\` (\`-- --quick\` for the CI-sized run, \`-- --smoke\` for a seconds-long check) starts
its own cluster (catalog, three order replicas, frontend) from \`dist/\` in a temporary directory for
each adapter (\`--adapters express,fastify\`), and, in the same run, three baselines serving the same
JSON as a cached lookup (\`{"data":{"name":"GameStart","price":15.99,"quantity":100}}\`):

- **raw node:http** — a bare \`http.createServer\` handler; the ceiling;
- **bare NestJS** — one controller looking the quote up in a \`Map\`, no global pipe or filter,
  built with our own \`createHttpApp\` on the same adapter;
- **NestJS + our pipe/filter** — the same controller with our global \`StrictValidationPipe\` and
  \`ErrorEnvelopeFilter\`, i.e. the per-request framework cost our frontend pays before its own code.

Load comes from autocannon, called as a library in a separate process. Where \`taskset\` exists every
server runs on one core and the load generator on another (\`--server-cpus\`, \`--load-cpus\`,
\`--no-pin\`), so all five cluster processes share one core. Each figure is one warm-up run (discarded)
and one measured run; req/s counts 2xx answers only, over the time from the first request to the
last answer; latencies are per request, nearest-rank percentiles.

- **Trades** sell one share and then buy it back, stock after stock, so no stock ever runs out. A measured trade run sends
  a fixed number of requests (the warm-up's pace × the duration), so none is cut off in flight; after
  it the count of 2xx must equal the growth of the leader's order log and every follower must hold
  the leader's last number (majority replication is always on).
- **Order queries** read \`GET /orders/{n}\` over numbers spread across the whole log.
- **Failover**: trades from ${failoverClients} clients; after a while the leader is SIGKILLed.
  *Recovery* is the time from the kill to the first 2xx of a request sent after the kill; *longest gap*
  is the longest pause between 2xx answers after it; *client errors* count every non-2xx answer,
  connection error and timeout of the run. The killed replica is restarted between rounds.
- **Catch-up**: a follower is SIGKILLed, the orders are placed by 50 concurrent clients without it, and
  it is started again: the time from its spawn to \`/health\` answering 200 (it answers 200 only once
  caught up). *Boot only* is the same replica restarted with nothing to catch up.
- **Memory**: VmRSS from \`/proc/<pid>/status\`, idle after start-up and the peak sampled every 200 ms
  during every load run.

## Profiling

\`npm run bench -- --quick --cpu-prof\` runs every server (cluster and baselines) with
\`node --cpu-prof --cpu-prof-dir <out>/cpu-profiles/<adapter>/<process>\`; a profile is written when
the process exits cleanly at the end of its part of the run (SIGKILLed replicas write none). Open the
\`.cpuprofile\` files in Chrome DevTools (Performance → Load profile) or VS Code. \`--cpu-prof-dir DIR\`
chooses the folder; \`--scenarios trades\` limits the run to what you want to look at.`;

/** docs/BENCHMARKS.md */
export function markdownReport(results: BenchResults): string {
  const sections = [
    `# Benchmarks\n\nGenerated by \`npm run bench${results.mode === 'full' ? '' : ` -- --${results.mode}`}\`; every figure below comes from the run described here.\n\n${machineSection(results)}`,
  ];
  sections.push(`## Targets\n\n${markdownTable(targetTable(results.targets))}`);
  for (const result of results.adapters) {
    const tables = tablesOf(result).map(({ title, table }) => `### ${title}\n\n${markdownTable(table)}`);
    sections.push(`## ${result.adapter}\n\n${tables.join('\n\n')}`);
  }
  sections.push(method(results.sizes.failoverClients));
  return `${sections.join('\n\n')}\n`;
}
