// Docker cannot run on the CI machines, so this checks what `docker compose up` would depend on: every app service
// runs an entry point that exists, and every variable it sets is one that entry point's config accepts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogEnvShape } from '@threadly/catalog';
import { commerceEnvShape } from '@threadly/commerce';
import { gatewayEnvShape } from '@threadly/gateway';
import { identityEnvShape } from '@threadly/identity';
import { messagingEnvShape } from '@threadly/messaging';

const root = resolve(import.meta.dirname, '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      image?: string;
      build?: string;
      environment?: Record<string, string>;
      healthcheck?: unknown;
      deploy?: { replicas?: number };
      ports?: string[];
      volumes?: string[];
    }
  >;
};

const acceptedBy: Record<string, Record<string, unknown>> = {
  'subgraphs/identity/src/main.ts': identityEnvShape,
  'subgraphs/catalog/src/main.ts': catalogEnvShape,
  'subgraphs/commerce/src/main.ts': commerceEnvShape,
  'subgraphs/messaging/src/main.ts': messagingEnvShape,
  'gateway/src/main.ts': gatewayEnvShape,
};

const appServices = Object.entries(compose.services).filter(([, service]) => service.build);
const entryOf = (service: { command?: string[] }) => service.command?.find((part) => part.endsWith('main.ts'));
const gatewayServices = appServices.filter(([, service]) => entryOf(service) === 'gateway/src/main.ts');
const subgraphServices = appServices.filter(([, service]) => entryOf(service)?.startsWith('subgraphs/'));
/** Replicas a service runs: `deploy.replicas`, else one. */
const replicasOf = (service: { deploy?: { replicas?: number } }) => service.deploy?.replicas ?? 1;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, Meilisearch, the four subgraphs and the gateway, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['balancer', 'catalog', 'commerce', 'gateway-1', 'gateway-2', 'identity', 'meilisearch', 'messaging', 'postgres', 'redis'].sort(),
    );
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck, name).toBeDefined();
    expect(existsSync(resolve(root, 'Dockerfile'))).toBe(true);
  });

  it.each(appServices)('%s runs a real entry point with variables its config accepts', (_name, service) => {
    const entry = entryOf(service);
    expect(entry, 'command names a main.ts').toBeDefined();
    expect(existsSync(resolve(root, entry!)), `${entry} exists`).toBe(true);
    const shape = acceptedBy[entry!];
    expect(shape, `${entry} has a known config`).toBeDefined();
    const unknown = Object.keys(service.environment ?? {}).filter((variable) => !(variable in shape!));
    expect(unknown).toEqual([]);
  });

  it('runs two replicas of each subgraph, and two gateways', () => {
    expect(subgraphServices.map(([name, service]) => [name, replicasOf(service)]).sort()).toEqual([
      ['catalog', 2],
      ['commerce', 2],
      ['identity', 2],
      ['messaging', 2],
    ]);
    expect(gatewayServices.reduce((total, [, service]) => total + replicasOf(service), 0)).toBe(2);
  });

  it('points every gateway at each subgraph service on the port that subgraph listens on', () => {
    for (const [, gateway] of gatewayServices) {
      for (const [name, subgraph] of subgraphServices) {
        const listenPort = subgraph.environment?.[`${name.toUpperCase()}_PORT`];
        expect(gateway.environment?.[`${name.toUpperCase()}_URL`], name).toBe(`http://${name}:${listenPort}/graphql`);
      }
    }
  });

  it('puts a round-robin balancer in front of the gateways, whose committed config lists every gateway on its port', () => {
    const balancer = compose.services.balancer!;
    expect(balancer.ports).toEqual(['4000:4000']);
    const mount = balancer.volumes?.find((volume) => volume.includes('nginx'));
    const configPath = resolve(root, mount!.split(':')[0]!);
    expect(existsSync(configPath), `${configPath} exists`).toBe(true);
    const config = readFileSync(configPath, 'utf8');
    const upstream = config.match(/upstream gateways \{([^}]*)\}/)?.[1] ?? '';
    const listed = [...upstream.matchAll(/server ([\w-]+):(\d+)/g)].map(([, host, port]) => `${host}:${port}`);
    expect(listed.sort()).toEqual(gatewayServices.map(([name, service]) => `${name}:${service.environment?.GATEWAY_PORT}`).sort());
    // Round robin is nginx's default: no other balancing method may be configured in the upstream.
    expect(upstream).not.toMatch(/\b(least_conn|ip_hash|hash|random)\b/);
    expect(config).toMatch(/proxy_pass http:\/\/gateways;/);
    expect(config).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    // No gateway publishes a port of its own: clients reach them through the balancer only.
    for (const [name, gateway] of gatewayServices) expect(gateway.ports, name).toBeUndefined();
    // The balancer appends one X-Forwarded-For hop: each gateway trusts exactly that one.
    for (const [name, gateway] of gatewayServices) expect(gateway.environment?.TRUSTED_PROXY_HOPS, name).toBe('1');
  });
});
