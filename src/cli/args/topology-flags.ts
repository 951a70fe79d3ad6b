import { MAX_SERVICE_COPIES } from '../process/role-env';
import { integerFlag, UsageError } from './cli-args';

/** `--postgres`: a server's URL, or `local` for a server the tool starts itself (Debian's postgresql package). */
export type PostgresChoice = { readonly url: string } | { readonly local: true };

/** How many frontends and catalogs a local cluster runs, and where the catalogs keep their stocks. */
export interface Topology {
  readonly frontends: number;
  readonly catalogs: number;
  /** Absent: each catalog has its own SQLite file (one catalog only). */
  readonly postgres?: PostgresChoice;
}

export const TOPOLOGY_FLAGS = {
  frontends: { type: 'string' },
  catalogs: { type: 'string' },
  postgres: { type: 'string' },
} as const;

export const TOPOLOGY_USAGE = `  --frontends N        frontends (default 1, at most ${MAX_SERVICE_COPIES}); the catalogs push to each
  --catalogs N         catalogs (default 1, at most ${MAX_SERVICE_COPIES}); more than one needs --postgres
  --postgres URL|local the catalogs share this PostgreSQL database (postgres://…), or, with local,
                       one on a server of the tool's own (needs Debian's postgresql package)`;

export function topologyOf(values: { frontends?: string; catalogs?: string; postgres?: string }): Topology {
  const frontends = integerFlag('--frontends', values.frontends, 1, MAX_SERVICE_COPIES) ?? 1;
  const catalogs = integerFlag('--catalogs', values.catalogs, 1, MAX_SERVICE_COPIES) ?? 1;
  const postgres = postgresChoice(values.postgres);
  if (catalogs > 1 && !postgres) {
    throw new UsageError('--catalogs above 1 needs --postgres: the catalogs share one PostgreSQL database');
  }
  return { frontends, catalogs, ...(postgres ? { postgres } : {}) };
}

function postgresChoice(value: string | undefined): PostgresChoice | undefined {
  if (value === undefined) return undefined;
  if (value === 'local') return { local: true };
  if (/^postgres(ql)?:\/\//.test(value)) return { url: value };
  throw new UsageError(`--postgres must be a postgres:// URL or local (got '${value}')`);
}
