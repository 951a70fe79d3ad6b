import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { runCli } from './args/run-cli';
import { CLUSTER_USAGE, ClusterOptions, parseClusterOptions } from './cluster-options';
import {
  CatalogDatabase,
  clusterSpecs,
  consolePrefixer,
  DEFAULT_REPLICA_IDS,
  defaultPorts,
  describeExit,
  ManagedProcess,
  openCatalogDatabase,
  OutputSink,
  ProcessGroup,
  RestartPolicy,
  RoleProcessSpec,
} from './process';

const LAUNCHER = 'cluster';
const STOP_TIMEOUT_MS = 5000;
const FORCE_AFTER_MS = 1000;

function specsFor(options: ClusterOptions, database: CatalogDatabase): RoleProcessSpec[] {
  // Children's logs go through a pipe; keep Nest's colours only when we print to a terminal.
  const colorEnv = process.stdout.isTTY ? {} : { NO_COLOR: '1' };
  return clusterSpecs({
    mainScript: resolve(__dirname, '..', 'main.js'),
    dataDir: options.dataDir,
    token: randomBytes(32).toString('hex'),
    ports: defaultPorts(options.basePort, DEFAULT_REPLICA_IDS, options.frontends, options.catalogs),
    catalogDatabaseUrl: database.url,
    baseEnv: { ...process.env, ...colorEnv },
    cacheEnabled: options.cacheEnabled,
    cacheSize: options.cacheSize,
    httpAdapter: options.httpAdapter,
  });
}

/** Who leads, as the frontend's /health says. */
async function leaderOf(frontendUrl: string): Promise<string> {
  try {
    const response = await fetch(`${frontendUrl}/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { data?: { leader?: number } };
    return body.data?.leader ? `replica ${body.data.leader} leads` : 'no leader yet';
  } catch {
    return 'the frontend did not say who leads';
  }
}

/**
 * The lines printed once every process is healthy: where to go next. Few, so that with the four
 * lines `npm run` prints first the start takes at most 15 lines (one frontend, one catalog).
 */
function urlLines(specs: readonly RoleProcessSpec[]): string[] {
  const port = (url: string): string => `:${new URL(url).port}`;
  const frontends = specs.filter((spec) => spec.role === 'frontend').map((spec) => spec.url);
  const others = specs.filter((spec) => spec.role !== 'frontend').map((spec) => `${spec.name} ${port(spec.url)}`);
  return [
    `API          ${frontends.join(', ')}   Swagger UI ${frontends[0]}/docs`,
    `status page  ${frontends[0]}/status`,
    `metrics      ${frontends[0]}/metrics (and /metrics on ${others.join(', ')})`,
  ];
}

async function run(options: ClusterOptions): Promise<void> {
  const database = await openCatalogDatabase(options.postgres, join(options.dataDir, 'postgres'));
  const specs = specsFor(options, database);
  const prefixer = consolePrefixer([LAUNCHER, ...specs.map((spec) => spec.name)]);
  const say = (line: string): void => prefixer.say(LAUNCHER, line);
  // Start-up chatter stays in each process's kept lines (shown if it fails to start) unless --verbose.
  let streaming = options.verbose;
  const sink: OutputSink = (name, line, stream) => {
    if (streaming) prefixer.sink(name, line, stream);
  };
  const group = new ProcessGroup(specs.map((spec) => new ManagedProcess(spec, { sink, detached: true })));

  let stopping = false;
  let stoppingSince = 0;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    stoppingSince = Date.now();
    prefixer.say(LAUNCHER, reason, exitCode === 0 ? 'stdout' : 'stderr');
    say('stopping every process …');
    await group.stopAll(STOP_TIMEOUT_MS);
    await database.stop();
    say(exitCode === 0 ? 'all processes stopped' : 'all processes stopped; exiting with an error');
    process.exit(exitCode);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stopping) {
      void shutdown(`received ${signal}`, 0);
      return;
    }
    // `npm run` forwards the terminal's Ctrl-C, so one keypress can arrive twice at once.
    if (Date.now() - stoppingSince < FORCE_AFTER_MS) return;
    say(`${signal} again: killing every process now`);
    group.killAllNow();
    process.exit(1);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  process.on('exit', () => group.killAllNow());
  // Once the cluster is up, a process that exits on its own is started again and the others keep
  // running, as compose's restart policy does: killing the leader by hand shows a failover, not an
  // empty terminal. Before that, and for a process that keeps exiting, the launcher stops.
  let supervising = false;
  const restarts = new RestartPolicy();
  const restart = async (member: ManagedProcess): Promise<void> => {
    if (stopping) return;
    member.start();
    try {
      await member.waitHealthy(options.healthTimeoutMs);
      say(`${member.name.padEnd(10)} healthy again`);
    } catch {
      // An exit is reported by the listener below; a process still starting is left to run.
    }
  };
  group.onUnexpectedExit((member, status) => {
    const exit = `${member.name} exited unexpectedly (${describeExit(status)})`;
    if (!supervising) {
      if (!streaming) for (const line of member.output().slice(-15)) prefixer.sink(member.name, line, 'stderr');
      void shutdown(exit, 1);
    } else if (!restarts.allowsRestart(member.name, Date.now())) {
      void shutdown(`${exit}, the ${restarts.maxExits}th time within a minute`, 1);
    } else {
      say(`${exit}; the others keep running, starting it again in ${restarts.delayMs / 1000} s`);
      setTimeout(() => void restart(member), restarts.delayMs);
    }
  });

  say(`starting ${specs.length} processes, data in ${options.dataDir}, catalogs on ${database.description}`);
  const started = Date.now();
  const healthy = (member: ManagedProcess): void => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say(`${member.name.padEnd(10)} healthy  ${member.spec.url ?? ''}  (${seconds} s)`);
  };
  try {
    await group.startAll(options.healthTimeoutMs, undefined, healthy);
  } catch (error) {
    await shutdown(`could not start the cluster: ${error instanceof Error ? error.message : String(error)}`, 1);
    return;
  }
  if (stopping) return;
  for (const line of urlLines(specs)) say(line);
  const logLevel = process.env.LOG_LEVEL?.trim() || 'log';
  const frontend = specs.find((spec) => spec.role === 'frontend')?.url ?? '';
  say(`${await leaderOf(frontend)}; logs follow (LOG_LEVEL=${logLevel}); press Ctrl-C to stop`);
  streaming = true;
  supervising = true;
}

runCli({ usage: CLUSTER_USAGE, parse: parseClusterOptions, run });
