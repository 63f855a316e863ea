// No Redis at all (a port nothing listens on): the transport must fail calls, log loudly, and never crash.
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@threadly/logger';
import { messageSent } from '@threadly/event-contracts';
import { createRedisStreamTransport } from '../src/index.ts';

const id = '7b4e2c1a-3f5d-4e6a-8b9c-0d1e2f3a4b5c';

describe('Redis Streams transport without Redis', () => {
  it('rejects publishing, keeps its consumers waiting, and says so in the log', async () => {
    const errors: string[] = [];
    const logger = { error: (_details: unknown, message: string) => void errors.push(message), warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger;
    const transport = createRedisStreamTransport({ url: 'redis://127.0.0.1:9', logger, blockMs: 100 });
    const subscription = transport.consume('nobody', async () => {});
    const event = messageSent.create(id, { messageId: id, conversationId: id, productId: id, senderId: id, recipientId: id });
    await expect(transport.publish([event])).rejects.toThrow();
    await vi.waitFor(() => expect(errors.some((message) => /Redis at 127\.0\.0\.1:9 is unreachable/.test(message))).toBe(true), { timeout: 5_000 });
    await subscription.stop();
    await transport.close();
  });
});
