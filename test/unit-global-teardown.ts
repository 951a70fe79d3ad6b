import { stopPostgresTestServer } from './fixtures/postgres-test-server';

export default stopPostgresTestServer;
