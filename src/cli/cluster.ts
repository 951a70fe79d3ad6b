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
  ProcessGroup,
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

async function run(options: ClusterOptions): Promise<void> {
  const database = await openCatalogDatabase(options.postgres, join(options.dataDir, 'postgres'));
  const specs = specsFor(options, database);
  const prefixer = consolePrefixer([LAUNCHER, ...specs.map((spec) => spec.name)]);
  const say = (line: string): void => prefixer.say(LAUNCHER, line);
  const group = new ProcessGroup(
    specs.map((spec) => new ManagedProcess(spec, { sink: prefixer.sink, detached: true })),
  );

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
  group.onUnexpectedExit((member, status) => {
    void shutdown(`${member.name} exited unexpectedly (${describeExit(status)})`, 1);
  });

  say(`data in ${options.dataDir}; catalogs on ${database.description}`);
  say('ports: frontends base, base+2 …; catalogs base+1, base+3 …; order replica N base+100+N');
  for (const spec of specs) say(`${spec.name.padEnd(10)} ${spec.url}`);
  try {
    await group.startAll(options.healthTimeoutMs);
  } catch (error) {
    await shutdown(`could not start the cluster: ${error instanceof Error ? error.message : String(error)}`, 1);
    return;
  }
  if (stopping) return;
  const frontends = specs.filter((spec) => spec.role === 'frontend').map((spec) => spec.url);
  say('all processes are healthy');
  say(`API         ${frontends.join(', ')}`);
  say(`Swagger UI  ${frontends[0]}/docs`);
  say('press Ctrl-C to stop');
}

runCli({ usage: CLUSTER_USAGE, parse: parseClusterOptions, run });
