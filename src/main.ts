import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DEVELOPMENT_TOKEN, loadConfig } from './config/app-config';
import { ConfigError } from './config/config-error';
import { createHttpApp } from './shared/http/create-http-app';
import { limitHeapGrowth } from './shared/runtime/heap-growth';
import { keepTickObjectShapeAlive } from './shared/runtime/tick-object-shape';
import { ROLE_BOOTS } from './role';

async function bootstrap(): Promise<void> {
  keepTickObjectShapeAlive();
  const config = loadConfig(process.env);
  limitHeapGrowth(config.heapGrowthPercent);
  const boot = ROLE_BOOTS[config.role];
  const { rootModule, configure } = await boot.load();
  const app = await createHttpApp(rootModule, config, boot.bodyLimitBytes, { timeRequests: true });
  app.enableShutdownHooks();
  configure?.(app);
  await app.listen(config.port, config.host);
  const where = `${config.role}${config.replicaId ? ` ${config.replicaId}` : ''}`;
  Logger.log(`${where} listening on http://${config.host}:${config.port} (${config.httpAdapter})`, 'Bootstrap');
  if (config.internalToken === DEVELOPMENT_TOKEN) {
    Logger.warn('INTERNAL_TOKEN is not set: using the public development token', 'Bootstrap');
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
