import { BenchSizes } from './bench-options';

/** The "How it is measured" and "Profiling" sections of BENCHMARKS.md. */
export const methodSection = (sizes: BenchSizes): string => `## How it is measured

\`npm run bench\` (\`-- --quick\` for the CI-sized run, \`-- --smoke\` for a seconds-long check) starts
its own cluster (catalog, three order replicas, frontend) from \`dist/\` in a temporary directory for
each adapter (\`--adapters express,fastify\`), and, in the same run, four baselines serving the same
JSON as a cached lookup (\`{"data":{"name":"GameStart","price":15.99,"quantity":100}}\`):

- **raw node:http** — a bare \`http.createServer\` handler; the ceiling;
- **bare NestJS** — one controller looking the quote up in a \`Map\`, no global pipe or filter,
  built with our own \`createHttpApp\` on the same adapter;
- **NestJS + our pipe/filter** — the same controller with our global \`StrictValidationPipe\` and
  \`ErrorEnvelopeFilter\`, i.e. the per-request framework cost our frontend pays before its own code;
- **NestJS + our pipe/filter + the roles' libraries** — the same again, also loading and starting what
  the roles load but given nothing to do: @nestjs/config, TypeORM over an in-memory sqlite3
  database, @nestjs/schedule, @nestjs/axios, a Swagger document (only the frontend's; the catalog and
  the replicas load neither Swagger nor class-validator), prom-client's default metrics, and
  started with the roles' node flags (the other baselines start as node starts them). Its memory is
  what those libraries cost by themselves.

The baselines, like the roles, start from \`dist/\` and so load their packages from the build's
\`dist/node_modules\`, the production dependencies with comments and whitespace stripped.

Load comes from autocannon, called as a library in a separate process. Where \`taskset\` exists every
server runs on one core and the load generator on another (\`--server-cpus\`, \`--load-cpus\`,
\`--no-pin\`), so all five cluster processes share one core. Each figure is one warm-up run (discarded)
and one measured run; req/s counts 2xx answers only, over the time from the first request to the
last answer; latencies are per request, nearest-rank percentiles.

- **Lookups** run with ${sizes.readConnections} connections, and the cached lookup once more with one connection:
  the one-client trade p50 is judged against that row. Then the cached lookup and the NestJS + our
  pipe/filter baseline take turns: ${sizes.lookupChunks} pairs of chunks of ${sizes.lookupChunkSec} s each with ${sizes.readConnections} connections, alternating which
  goes first, the other frozen (SIGSTOP; only the frontend while the baseline runs: the rest of the
  cluster, which a cached lookup never reaches, idles through both turns). Every pair has processes
  of its own (a baseline started, and the frontend restarted after the first pair), each warmed up
  for ${sizes.warmupSec} s: eight processes of the same baseline answered up to 21 % apart. Target 6 judges the
  median over the pairs of our req/s ÷ the baseline's.
- **Trades** sell one share and then buy it back, stock after stock, so no stock ever runs out. A trade run's
  warm-up is ${sizes.tradeWarmupTrades.toLocaleString('en-US')} trades at the run's own client count, not a few seconds: the one-client path
  reaches its steady CPU per trade only after a few thousand one-client trades (before that it costs
  about 1.5× as much, even right after thousands of trades from 50 clients). A measured trade run sends
  a fixed number of requests (the warm-up's pace × the duration), so none is cut off in flight; after
  it the count of 2xx must equal the growth of the leader's order log and every follower must hold
  the leader's last number (majority replication is always on).
- **CPU per request**: utime + stime of each server process (every thread) from \`/proc/<pid>/stat\`, read
  just before a measured run and, for trades, again once every replica holds the run's last order (so
  the followers' last appends count), divided by the run's 2xx count; the cluster's figure is the sum
  over its five processes. The kernel counts in clock ticks (\`getconf CLK_TCK\`, 10 ms at 100 Hz), so
  each process's reading is exact to one tick: *resolution* is five ticks ÷ the requests.
- **Side by side**: our own load client (\`node dist/cli/load-client.js --clients 5 --iterations ${sizes.sideBySideIterations} --p 0.5
  --seed 10 --json\`, on the load core), cache on: each client loops "look up a random stock, then
  trade it with p = 0.5" — issue #10's workload, the one its peers were measured with. Latency per
  request type and requests/s are the client's own; CPU per trade is the five processes' CPU over the
  load phase (sampled every 20 ms and read at the start and end the client reports, so its order
  verification afterwards is left out) ÷ successful trades, the lookups' cost included. The run
  counts only when the client's verification of every acknowledged order passed. Like every other
  scenario it is warmed up first: the same workload, ${sizes.sideBySideWarmupIterations} lookups per client (seed 11), unmeasured, so
  that the paths only this mix takes (lookups of every stock, the catalog's answers to the misses
  each trade causes) are compiled before the measured run.
- **Flat with size**: right after the trade and side-by-side runs (same leader, same processes),
  trades through the public API (the same sell/buy mix, 50 clients) fill the log to ${sizes.sizeOrders.toLocaleString('en-US')} orders;
  then 50-client trades are measured exactly as on the fresh cluster (the table's "filled" row, minutes
  after the fresh one). Then a fresh cluster of the same build is started beside the filled one,
  warmed up with ${sizes.tradeWarmupTrades.toLocaleString('en-US')} trades, and the two take turns: ${sizes.sizeChunks} chunks of ${sizes.sizeChunkTrades.toLocaleString('en-US')} trades from 50 clients
  each, alternating which goes first, the cluster not measured frozen (SIGSTOP) meanwhile and every
  chunk checked against the log. Target 4 judges the median over the pairs of the filled chunk's trades/s
  ÷ the fresh one's (the "in turns" rows show the totals): runs minutes apart compared the host's
  drifting speed as much as the log's size, and a slow spell that hits one chunk moves only its pair. Order queries, failover and catch-up come after it, on the filled log.
- **Order queries** read \`GET /orders/{n}\` over numbers spread across the whole log.
- **Failover**: trades from ${sizes.failoverClients} clients; after a while the leader is SIGKILLed.
  *Recovery* is the time from the kill to the first 2xx of a request sent after the kill; *longest gap*
  is the longest pause between 2xx answers after it; *client errors* count every non-2xx answer,
  connection error and timeout of the run. The killed replica is restarted between rounds.
- **Catch-up**: a follower is SIGKILLed, the orders are placed by 50 concurrent clients without it, and
  it is started again: the time from its spawn to \`/health\` answering 200 (it answers 200 only once
  caught up). *Boot only* is the same replica restarted with nothing to catch up.
- **Memory**: VmRSS from \`/proc/<pid>/status\`, idle after start-up and the peak sampled every 200 ms
  during every load run; the memory target compares each process's peak during the fresh 50-client
  trade run with the bare NestJS baseline's peak under its lookup load, and names the largest peak's
  multiple of the libraries baseline's too (not judged).

## Profiling

\`npm run bench -- --quick --cpu-prof\` runs every server (cluster and baselines) with
\`node --cpu-prof --cpu-prof-dir <out>/cpu-profiles/<adapter>/<process>\`; a profile is written when
the process exits cleanly at the end of its part of the run (SIGKILLed replicas write none). Open the
\`.cpuprofile\` files in Chrome DevTools (Performance → Load profile) or VS Code. \`--cpu-prof-dir DIR\`
chooses the folder; \`--scenarios trades\` limits the run to what you want to look at.

To measure a setting, give it to every cluster process with \`--env\`, e.g.
\`npm run bench -- --scenarios trades --adapters fastify --env SPARE_APPEND_DELAY_MS=0 --out /tmp/spare0\`;
the report names it under the machine facts, and any app variable except the cluster's own addresses,
ports, data, token, role and adapter can be set. \`--node-flags=--single-threaded-gc\` likewise starts
every cluster process (not the baselines) with node or V8 flags.`;
