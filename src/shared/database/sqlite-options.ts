import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityOrMigration = Function[];

/**
 * One SQLite file per process, in WAL mode, with an explicit schema from migrations
 * (never `synchronize`). `synchronous=NORMAL` is set by SqlitePragmas once connected:
 * it survives a process crash, which is our failure model.
 */
export function sqliteOptions(
  config: AppConfig,
  fileName: string,
  entities: EntityOrMigration,
  migrations: EntityOrMigration,
): TypeOrmModuleOptions {
  mkdirSync(config.dataDir, { recursive: true });
  return {
    type: 'sqlite',
    database: join(config.dataDir, fileName),
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    busyTimeout: 5000,
    logging: ['error'],
  };
}
