import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityOrMigration = Function[];

/** Any number, the same in every process: the advisory lock under which one process migrates at a time. */
const MIGRATION_LOCK = 7_150_015;

/**
 * A PostgreSQL database that several processes share, with an explicit schema from migrations
 * (never `synchronize`); `connectPostgres` runs them. A session left idle inside a transaction
 * (its process frozen, say) is ended by the server after 5 s, so it cannot hold its locks for long.
 */
export function postgresOptions(
  url: string,
  entities: EntityOrMigration,
  migrations: EntityOrMigration,
): TypeOrmModuleOptions & DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    applicationName: 'stock-bazaar',
    extra: { max: 20, idle_in_transaction_session_timeout: 5000 },
  };
}

/**
 * Connects, then runs the pending migrations under an advisory lock: processes that start
 * together migrate one after another, and the later ones find nothing left to do.
 */
export async function connectPostgres(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
