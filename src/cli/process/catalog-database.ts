import type { PostgresChoice } from '../args/topology-flags';
import { startLocalPostgres } from './local-postgres';

export interface CatalogDatabase {
  /** CATALOG_DATABASE_URL for the catalogs; undefined: SQLite. */
  readonly url?: string;
  /** A line for the user: where the catalogs keep their stocks. */
  readonly description: string;
  /** Shuts a server this tool started down (a no-op otherwise). */
  stop(): Promise<void>;
}

const DATABASE = 'stock_bazaar';

/**
 * Where the catalogs of a local cluster keep their stocks: their SQLite files (no choice), the
 * given PostgreSQL URL, or a database on a server of our own (`local`: kept in `folder` when
 * given, in a temporary folder otherwise).
 */
export async function openCatalogDatabase(
  choice: PostgresChoice | undefined,
  folder?: string,
): Promise<CatalogDatabase> {
  if (!choice) return { description: 'SQLite, one file per catalog', stop: async () => undefined };
  if ('url' in choice) {
    return {
      url: choice.url,
      description: `PostgreSQL at ${choice.url.replace(/:[^:@/]*@/, ':***@')}`,
      stop: async () => undefined,
    };
  }
  const server = await startLocalPostgres({ folder, tempPrefix: 'stock-bazaar-pg-' });
  try {
    await server.createDatabase(DATABASE).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // duplicate_database: an earlier run made it
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = server.urlOf(DATABASE);
  const where = folder ? `, files in ${folder}` : ', thrown away at the end';
  return { url, description: `PostgreSQL of our own at ${url}${where}`, stop: () => server.stop() };
}
