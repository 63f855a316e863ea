// The ceiling for the cache-hit path: node:http answering every request with the same bytes, doing nothing else
// (it reads and discards the request body, as any server must). Spawned by bench/gateway-comparison.ts:
//   node bench/support/raw-http-process.ts <body file> <workers>
// With workers > 1 it forks them (node:cluster, as the gateway does). Prints "READY <url>".
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const [bodyFile, workersArg = '1', portArg = '0'] = process.argv.slice(2) as [string, string?, string?];
const workers = Number(workersArg);

if (cluster.isPrimary && workers > 1) {
  // Workers share one port: pick it here, hand it down.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  let ready = 0;
  for (let i = 0; i < workers; i += 1) {
    cluster.fork({ RAW_PORT: String(port) }).on('message', () => {
      ready += 1;
      if (ready === workers) console.log(`READY http://127.0.0.1:${port}/graphql`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const body = readFileSync(bodyFile);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  });
  const port = Number(process.env.RAW_PORT ?? portArg);
  server.listen(port, '127.0.0.1', () => {
    if (cluster.isWorker) process.send!('ready');
    else console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  });
  process.on('SIGTERM', () => process.exit(0));
}
