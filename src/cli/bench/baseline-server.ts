import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { HTTP_ADAPTERS, HttpAdapterName } from '../../config/app-config';
import { BASELINE_KINDS, BaselineKind } from './bench-results.types';
import { createNestBaseline, createRawServer } from './baselines';

/**
 * A baseline server for the benchmark, serving the same JSON as a cached lookup:
 * `node dist/cli/bench/baseline-server.js --kind raw|nest|nest-pipes|nest-libraries --adapter express|fastify --port N`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string', default: 'raw' },
      adapter: { type: 'string', default: 'express' },
      port: { type: 'string', default: '3900' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port '${values.port}'`);
  if (!(HTTP_ADAPTERS as readonly string[]).includes(values.adapter))
    throw new Error(`bad --adapter '${values.adapter}'`);
  if (!(BASELINE_KINDS as readonly string[]).includes(values.kind))
    throw new Error(`bad --kind '${values.kind}' (${BASELINE_KINDS.join(', ')})`);
  const kind = values.kind as BaselineKind;
  if (kind === 'raw') {
    const server = createRawServer().listen(port, values.host, () =>
      console.log(`raw baseline on ${values.host}:${port}`),
    );
    // Exit normally on SIGTERM so that --cpu-prof can write its profile.
    process.once('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const app = await createNestBaseline(values.adapter as HttpAdapterName, kind);
  app.enableShutdownHooks();
  await app.listen(port, values.host);
  console.log(`${kind} baseline (${values.adapter}) on ${values.host}:${port}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
