import { createServer, type Server } from 'node:http';

export interface DelayingProxy {
  url: string;
  /** Milliseconds each answer is held back from now on (0: none). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/**
 * Forwards POSTs to `target` and holds each answer back by the current delay: a slow subgraph, so that requests
 * are certainly in flight inside the gateway when a test stops it.
 */
export async function startDelayingProxy(target: string): Promise<DelayingProxy> {
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
        const [answer] = await Promise.all([
          fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined }),
          new Promise((resolve) => setTimeout(resolve, delayMs)),
        ]);
        const body = Buffer.from(await answer.arrayBuffer());
        // Every header but the hop-by-hop ones: the gateway reads the subgraphs' cache-control and cache tags.
        const passed = [...answer.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive'].includes(name));
        res.writeHead(answer.status, Object.fromEntries(passed));
        res.end(body);
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    setDelay: (ms) => void (delayMs = ms),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
