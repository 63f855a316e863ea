import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConnectionsWhenStopping, drainConnections } from './close-connections-when-stopping.ts';

const agent = new Agent({ keepAlive: true });
afterEach(() => agent.destroy());

function get(port: number) {
  return new Promise<string | undefined>((resolve, reject) => {
    request({ port, host: '127.0.0.1', agent }, (res) => {
      res.resume();
      resolve(res.headers.connection);
    })
      .on('error', reject)
      .end();
  });
}

describe('closeConnectionsWhenStopping', () => {
  it('keeps connections alive while serving, and tells the client to close once the server is stopping', async () => {
    const server = closeConnectionsWhenStopping(createServer((_req, res) => setTimeout(() => res.end('ok'), 200)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await get(port)).toBe('keep-alive');
    // A request in flight when the stop begins: without the helper Node answers it `keep-alive` and then closes.
    const inFlight = get(port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = new Promise((resolve) => server.close(resolve));
    expect(await inFlight).toBe('close');
    await closed;
  });

  it('while draining, still answers new requests on the listener, each telling the client to close', async () => {
    const server = closeConnectionsWhenStopping(createServer((_req, res) => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await get(port)).toBe('keep-alive');
    const draining = drainConnections(300);
    // The lame duck still listens: the request is answered, not refused, and the kept-alive connection is let go.
    expect(await get(port)).toBe('close');
    expect(server.listening).toBe(true);
    await draining;
    await new Promise((resolve) => server.close(resolve));
  });
});
