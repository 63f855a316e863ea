import { request } from 'node:http';
import { createLogger } from '@threadly/logger';
import { readSupergraphSdl, startGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../src/index.ts';

/** Nothing listens on port 1 (only root could bind it), so a connection there is refused at once. */
export const DEAD_SUBGRAPH_URL = 'http://127.0.0.1:1/graphql';

/**
 * The gateway alone, in front of subgraphs that are not there: enough for everything decided before a query plan
 * runs (CORS, CSRF, rate limits, operation limits, body size) and for `{ __typename }`, which needs no subgraph.
 */
export function startStandaloneGateway(options: Partial<GatewayServerOptions> = {}): Promise<GatewayServer> {
  return startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: { identity: DEAD_SUBGRAPH_URL, catalog: DEAD_SUBGRAPH_URL, commerce: DEAD_SUBGRAPH_URL, messaging: DEAD_SUBGRAPH_URL },
    identitySecret: 'standalone-gateway-test-secret'.padEnd(40, '-'),
    production: false,
    maxBodyBytes: 100_000,
    port: 0,
    logger: createLogger('gateway-test', 'silent'),
    ...options,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // Each test reads the parts it asserts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * A request with full control over what fetch would not let a browser set (Origin) and over the client address
 * (`localAddress`: any 127.x.y.z is this machine, so two "clients" can have two IPs).
 */
export function rawRequest(
  url: string,
  { method = 'POST', headers = {}, body, localAddress }: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs one GraphQL operation as JSON, the way every client does. */
export const postGraphQL = (url: string, query: string, options: { headers?: Record<string, string>; localAddress?: string } = {}) =>
  rawRequest(url, { headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify({ query }), localAddress: options.localAddress });
