import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Settings the TypeORM sqlite driver has no option for; it keeps one connection, so once is enough. */
@Injectable()
export class SqlitePragmas implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.query('PRAGMA synchronous = NORMAL');
  }
}
