import { UsageError } from './cli-args';
import { topologyOf } from './topology-flags';

describe(topologyOf.name, () => {
  it('is one frontend and one catalog on SQLite by default', () => {
    expect(topologyOf({})).toEqual({ frontends: 1, catalogs: 1 });
  });

  it('reads the counts and the PostgreSQL choice', () => {
    expect(topologyOf({ frontends: '2', catalogs: '3', postgres: 'postgres://u@db:5432/bazaar' })).toEqual({
      frontends: 2,
      catalogs: 3,
      postgres: { url: 'postgres://u@db:5432/bazaar' },
    });
    expect(topologyOf({ catalogs: '2', postgres: 'local' }).postgres).toEqual({ local: true });
  });

  it('refuses several catalogs without PostgreSQL, bad counts and bad URLs', () => {
    expect(() => topologyOf({ catalogs: '2' })).toThrow('--catalogs above 1 needs --postgres');
    expect(() => topologyOf({ frontends: '0' })).toThrow(UsageError);
    expect(() => topologyOf({ frontends: '10' })).toThrow('--frontends must be an integer from 1 to 9');
    expect(() => topologyOf({ postgres: 'mysql://db' })).toThrow('--postgres must be a postgres:// URL or local');
  });
});
