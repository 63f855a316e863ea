// A pass-through HTTP proxy per subgraph that counts the requests it forwards: subgraph fetches per client request.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubgraphUrls } from '@threadly/gateway';

export async function startCountingProxy(targets: SubgraphUrls) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const counts: Record<string, number> = {};
  const servers: Server[] = [];
  const urls = {} as SubgraphUrls;
  for (const [name, target] of Object.entries(targets) as Array<[keyof SubgraphUrls, string]>) {
    const to = new URL(target);
    const server = createServer((req, res) => {
      counts[name] = (counts[name] ?? 0) + 1;
      const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers, agent }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname}`;
  }
  return {
    urls,
    counts: () => ({ ...counts }),
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
    },
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      agent.destroy();
    },
  };
}
