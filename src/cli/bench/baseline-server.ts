import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { HTTP_ADAPTERS, HttpAdapterName } from '../../config/app-config';
import { createNestBaseline, createRawServer } from './baselines';

/**
 * A baseline server for the benchmark, serving the same JSON as a cached lookup:
 * `node dist/cli/bench/baseline-server.js --kind raw|nest [--pipes] --adapter express|fastify --port N`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string', default: 'raw' },
      adapter: { type: 'string', default: 'express' },
      pipes: { type: 'boolean', default: false },
      port: { type: 'string', default: '3900' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port '${values.port}'`);
  if (!(HTTP_ADAPTERS as readonly string[]).includes(values.adapter))
    throw new Error(`bad --adapter '${values.adapter}'`);
  switch (values.kind) {
    case 'raw': {
      const server = createRawServer().listen(port, values.host, () =>
        console.log(`raw baseline on ${values.host}:${port}`),
      );
      // Exit normally on SIGTERM so that --cpu-prof can write its profile.
      process.once('SIGTERM', () => server.close(() => process.exit(0)));
      return;
    }
    case 'nest': {
      const app = await createNestBaseline(values.adapter as HttpAdapterName, values.pipes);
      app.enableShutdownHooks();
      await app.listen(port, values.host);
      console.log(`nest baseline (${values.adapter}${values.pipes ? ', pipes' : ''}) on ${values.host}:${port}`);
      return;
    }
    default:
      throw new Error(`bad --kind '${values.kind}' (raw or nest)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
