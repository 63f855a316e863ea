export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { requireServer, serverUnavailableReason } from './require-server.ts';
export { testEnv } from './env.ts';
export { clerkUserJson, clerkWebhookSender, deletedUserJson, type DeliveryOptions, type DeliveryResult } from './clerk-webhook-sender.ts';
export { subscribeOverWebSocket, type TestSubscription } from './websocket-subscriber.ts';
