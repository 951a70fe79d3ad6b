import { startPostgresTestServer } from './fixtures/postgres-test-server';

export default startPostgresTestServer;
