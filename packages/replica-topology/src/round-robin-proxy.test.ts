import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { findFreePort } from './free-port.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A backend that says which one it is, and echoes over an upgraded connection. */
async function startBackend(name: string) {
  const server = http.createServer((_req, res) => res.end(name));
  server.on('upgrade', (_req, socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.on('data', (chunk) => socket.write(`${name}:${chunk}`));
    // An HTTP server's sockets are half-open capable: close this side when the proxy closes its side.
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  cleanups.push(stop);
  return { port: (server.address() as AddressInfo).port, stop };
}

async function startProxy(backends: number[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy({ backends });
  cleanups.push(() => proxy.close());
  return proxy;
}

// A fresh connection per request, as each would be from a different client.
const get = async (url: string) => (await fetch(url, { headers: { connection: 'close' } })).text();

describe('round-robin proxy', () => {
  it('hands each new connection to the next backend', async () => {
    const [a, b] = [await startBackend('a'), await startBackend('b')];
    const proxy = await startProxy([a.port, b.port]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get(proxy.url));
    expect(answers.sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(proxy.connectionsPerBackend()).toEqual({ [a.port]: 2, [b.port]: 2 });
  });

  it('skips a backend that refuses connections, and fails only when every backend does', async () => {
    const a = await startBackend('a');
    const down = await findFreePort();
    const proxy = await startProxy([down, a.port]);
    for (let i = 0; i < 4; i++) expect(await get(proxy.url)).toBe('a');
    await a.stop();
    await expect(get(proxy.url)).rejects.toThrow();
  });

  it('passes an upgraded connection through untouched, both ways', async () => {
    const a = await startBackend('a');
    const proxy = await startProxy([a.port]);
    const request = http.request(proxy.url, { headers: { connection: 'Upgrade', upgrade: 'echo' } });
    const socket = await new Promise<Socket>((resolve, reject) => {
      request.once('upgrade', (_res, upgraded) => resolve(upgraded));
      request.once('error', reject);
      request.end();
    });
    socket.write('ping');
    const echoed = await new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(String(chunk))));
    socket.destroy();
    expect(echoed).toBe('a:ping');
  });
});
