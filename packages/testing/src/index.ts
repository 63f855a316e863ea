export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { requireServer, serverUnavailableReason } from './require-server.ts';
