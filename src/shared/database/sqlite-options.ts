import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as sqlite3 from 'sqlite3';
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
    // TypeORM calls driver.verbose(), which wraps every sqlite3 call to capture a stack trace
    // (a large share of the write path's CPU in profiles); hand it the plain module instead.
    driver: { verbose: () => sqlite3 },
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
