import net from 'node:net';

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: what clients connect to. */
  url: string;
  port: number;
  /** Connections accepted so far, per backend port they were handed to (a test can see the round robin). */
  connectionsPerBackend(): Record<number, number>;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

export interface RoundRobinProxyOptions {
  /** Backend ports on 127.0.0.1, tried in turn. */
  backends: readonly number[];
  /** Where to listen; 0 picks a free port. */
  port?: number;
  host?: string;
}

/**
 * A TCP round-robin front, standing in for the real load balancer production runs (nginx in docker-compose.yml):
 * each new connection goes to the next backend, and a backend that refuses the connection (a killed replica) is
 * skipped for the next one, so a client only fails when every backend is down. It works below HTTP, so keep-alive
 * requests and WebSocket upgrades pass through untouched; the price is that one connection stays on one backend,
 * and when that backend dies its connections are cut, which the gateway's retries (queries) absorb.
 */
export async function startRoundRobinProxy({ backends, port = 0, host = '127.0.0.1' }: RoundRobinProxyOptions): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a round-robin proxy needs at least one backend');
  let next = 0;
  const open = new Set<net.Socket>();
  const counts: Record<number, number> = {};

  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const connectUpstream = (client: net.Socket, attemptsLeft: number) => {
    const backend = backends[next++ % backends.length]!;
    const upstream = net.connect({ port: backend, host: '127.0.0.1' });
    track(upstream);
    const refused = (error: NodeJS.ErrnoException) => {
      upstream.destroy();
      if (attemptsLeft > 1 && !client.destroyed && (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET')) connectUpstream(client, attemptsLeft - 1);
      else client.destroy();
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      counts[backend] = (counts[backend] ?? 0) + 1;
      // Either side failing ends the pair at once: a half-dead connection would only hang the client. Either side
      // closing cleanly ends the other cleanly, after what was already read from it has been written: a gateway
      // that answers its last request and closes (a graceful stop) must not have that answer cut off.
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.once('close', (hadError) => (hadError ? client.destroy() : client.end()));
      client.once('close', (hadError) => (hadError ? upstream.destroy() : upstream.end()));
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.setNoDelay(true);
    connectUpstream(client, backends.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as net.AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    connectionsPerBackend: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
