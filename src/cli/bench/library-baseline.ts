import { HttpModule } from '@nestjs/axios';
import { INestApplication, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PipedNestModule } from './baselines';

/**
 * The NestJS + our pipe/filter baseline with the libraries every role loads, each started as a
 * role starts it but given nothing to do: @nestjs/config, TypeORM over an in-memory sqlite3
 * database, @nestjs/schedule, @nestjs/axios, @nestjs/swagger's document of the app, prom-client's
 * default metrics. The bench starts it with the roles' node flags: what separates a role's memory
 * from this is the role's own code and work.
 */
@Module({
  imports: [
    PipedNestModule,
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    TypeOrmModule.forRoot({ type: 'sqlite', database: ':memory:' }),
    ScheduleModule.forRoot(),
    HttpModule,
  ],
})
export class LibrariesNestModule {
  constructor() {
    collectDefaultMetrics({ register: new Registry() });
  }
}

/** The Swagger document the frontend serves, here of the baseline's one route. */
export function documentLibraries(app: INestApplication): void {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('baseline').build());
  SwaggerModule.setup('docs', app, document);
}
