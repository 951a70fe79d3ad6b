import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, CatalogDb } from '../../config/app-config';
import { connectPostgres, postgresOptions } from '../../shared/database/postgres-options';
import { sqliteOptions } from '../../shared/database/sqlite-options';
import { CatalogLedger } from './catalog-ledger';
import { CATALOG_ENTITIES, CATALOG_MIGRATIONS, CATALOG_POSTGRES_MIGRATIONS } from './catalog-schema';
import { PostgresCatalogLedger } from './postgres-catalog-ledger';
import { SqliteCatalogLedger } from './sqlite-catalog-ledger';

interface CatalogStorage {
  options(config: AppConfig): TypeOrmModuleOptions;
  /** Makes the data source from the options, connected and migrated. */
  connect(options: DataSourceOptions): Promise<DataSource>;
  ledger: new (dataSource: DataSource) => CatalogLedger;
}

/** What each CATALOG_DB boots; nothing else in the catalog asks which database it is on. */
const CATALOG_STORAGE: Record<CatalogDb, CatalogStorage> = {
  sqlite: {
    options: (config) => sqliteOptions(config, 'catalog.sqlite', CATALOG_ENTITIES, CATALOG_MIGRATIONS),
    connect: async (options) => {
      const dataSource = await new DataSource(options).initialize();
      // What SqlitePragmas does for the other SQLite databases: see sqliteOptions.
      await dataSource.query('PRAGMA synchronous = NORMAL');
      return dataSource;
    },
    ledger: SqliteCatalogLedger,
  },
  postgres: {
    options: (config) => postgresOptions(config.catalogDatabaseUrl, CATALOG_ENTITIES, CATALOG_POSTGRES_MIGRATIONS),
    connect: connectPostgres,
    ledger: PostgresCatalogLedger,
  },
};

/** The storage that made `options` (its TypeORM type is the CATALOG_DB name). */
function storageFor(options: DataSourceOptions | undefined): CatalogStorage {
  const type = options?.type;
  if (type !== 'sqlite' && type !== 'postgres') throw new Error(`no catalog storage for ${String(type)}`);
  return CATALOG_STORAGE[type];
}

/** The catalog's database as CATALOG_DB says, and the ledger over it (the CatalogLedger token). */
@Module({})
export class CatalogDatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: CatalogDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => CATALOG_STORAGE[config.catalogDb].options(config),
          dataSourceFactory: (options) => storageFor(options).connect(options!),
        }),
      ],
      providers: [
        {
          provide: CatalogLedger,
          inject: [AppConfig, DataSource],
          useFactory: (config: AppConfig, dataSource: DataSource) =>
            new CATALOG_STORAGE[config.catalogDb].ledger(dataSource),
        },
      ],
      exports: [CatalogLedger],
    };
  }
}
