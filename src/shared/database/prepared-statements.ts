import type { Database, Statement } from 'sqlite3';
import { DataSource } from 'typeorm';

/** Statements with more rows than this go through the query runner: their prepare is a small share of their run. */
export const PREPARED_MAX_ROWS = 64;

/**
 * Hot writes through statements prepared once, on TypeORM's own sqlite3 connection. Every sqlite3
 * call is a round trip to libuv's thread pool: `QueryRunner.query` prepares its statement anew
 * (one trip) before running it (another); a kept statement only runs. On the core the cluster
 * shares, that is a third less CPU per INSERT and three or four thread switches fewer
 * (docs/PERFORMANCE.md).
 *
 * Callers run one statement at a time (the repositories' locks), as they do on the query runner,
 * and call `finalize` before the connection closes: SQLite refuses to close a connection that
 * still has prepared statements. A statement run after that (a request that arrived during
 * shutdown) goes through the data source unprepared, so nothing keeps the connection open.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, Promise<Statement>>();
  private finalized = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `sql` (an INSERT, UPDATE or DELETE) with `parameters`; rejects with SQLite's error. */
  async run(sql: string, parameters: readonly unknown[]): Promise<void> {
    if (this.finalized) {
      await this.dataSource.query(sql, [...parameters]);
      return;
    }
    const statement = await (this.statements.get(sql) ?? this.prepare(sql));
    return new Promise((resolve, reject) =>
      statement.run(parameters, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  }

  /** Releases every statement, for good: later runs are not prepared. */
  async finalize(): Promise<void> {
    this.finalized = true;
    const pending = [...this.statements.values()];
    this.statements.clear();
    const statements = await Promise.all(pending.map((statement) => statement.catch(() => null)));
    await Promise.all(
      statements.map(
        (statement) => new Promise<void>((resolve) => (statement ? statement.finalize(() => resolve()) : resolve())),
      ),
    );
  }

  private prepare(sql: string): Promise<Statement> {
    const { databaseConnection } = this.dataSource.driver as unknown as { databaseConnection: Database };
    const prepared = new Promise<Statement>((resolve, reject) => {
      const statement = databaseConnection.prepare(sql, (error: Error | null) =>
        error ? reject(error) : resolve(statement),
      );
    });
    this.statements.set(sql, prepared);
    // A statement that failed to prepare never answers its runs: it is not kept.
    prepared.catch(() => this.statements.get(sql) === prepared && this.statements.delete(sql));
    return prepared;
  }
}
