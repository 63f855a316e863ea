import { describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { spawnServer, waitUntilListening } from './server-binary.ts';

describe('waitUntilListening', () => {
  it('fails at once, with the server\'s last words, when the server exits instead of listening, not after the timeout', async () => {
    const server = spawnServer('sh', ['-c', 'echo "Could not create server TCP listening socket: bind: Address already in use" >&2; exit 1']);
    await expect(waitUntilListening(server, await freePort(), 20_000)).rejects.toThrow(/exited \(1\) before listening: Could not create server TCP listening socket/);
  });
});
