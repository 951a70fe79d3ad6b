import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { sqliteOptions } from './sqlite-options';
import { SqlitePragmas } from './sqlite-pragmas';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = Function[];

export interface SqliteModuleOptions {
  /** The file name inside DATA_DIR. */
  fileName: (config: AppConfig) => string;
  entities: Classes;
  migrations: Classes;
}

/** A role's SQLite database: the connection, its pragmas, and repositories for its entities. */
@Module({})
export class SqliteModule {
  static forRoot({ fileName, entities, migrations }: SqliteModuleOptions): DynamicModule {
    const feature = TypeOrmModule.forFeature(entities);
    return {
      module: SqliteModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => sqliteOptions(config, fileName(config), entities, migrations),
        }),
        feature,
      ],
      providers: [SqlitePragmas],
      exports: [feature],
    };
  }
}
