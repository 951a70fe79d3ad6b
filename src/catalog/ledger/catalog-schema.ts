import { CatalogSchema1764150000000 } from '../migrations/1764150000000-catalog-schema';
import { JournalAppliesTrades1764900000000 } from '../migrations/1764900000000-journal-applies-trades';
import { CatalogSchemaPostgres1765000000000 } from '../migrations/postgres/1765000000000-catalog-schema-postgres';
import { CatalogStateRow } from './catalog-state.entity';
import { JournalEntryRow } from './journal-entry.entity';
import { Stock } from './stock.entity';

/** The catalog's entities, the same on both databases. */
export const CATALOG_ENTITIES = [Stock, JournalEntryRow, CatalogStateRow];
/** The catalog's migrations on SQLite, in order (also used by tests that build its database). */
export const CATALOG_MIGRATIONS = [CatalogSchema1764150000000, JournalAppliesTrades1764900000000];
/** The same schema on PostgreSQL, where its SQL differs (src/catalog/migrations/postgres). */
export const CATALOG_POSTGRES_MIGRATIONS = [CatalogSchemaPostgres1765000000000];
