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
  services: Record<string, { command?: string[]; image?: string; build?: string; environment?: Record<string, string>; healthcheck?: unknown }>;
};

const acceptedBy: Record<string, Record<string, unknown>> = {
  'subgraphs/identity/src/main.ts': identityEnvShape,
  'subgraphs/catalog/src/main.ts': catalogEnvShape,
  'subgraphs/commerce/src/main.ts': commerceEnvShape,
  'subgraphs/messaging/src/main.ts': messagingEnvShape,
  'gateway/src/main.ts': gatewayEnvShape,
};

const appServices = Object.entries(compose.services).filter(([, service]) => service.build);

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, Meilisearch, the four subgraphs and the gateway, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['catalog', 'commerce', 'gateway', 'identity', 'meilisearch', 'messaging', 'postgres', 'redis'].sort(),
    );
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck, name).toBeDefined();
    expect(existsSync(resolve(root, 'Dockerfile'))).toBe(true);
  });

  it.each(appServices)('%s runs a real entry point with variables its config accepts', (_name, service) => {
    const entry = service.command?.find((part) => part.endsWith('main.ts'));
    expect(entry, 'command names a main.ts').toBeDefined();
    expect(existsSync(resolve(root, entry!)), `${entry} exists`).toBe(true);
    const shape = acceptedBy[entry!];
    expect(shape, `${entry} has a known config`).toBeDefined();
    const unknown = Object.keys(service.environment ?? {}).filter((variable) => !(variable in shape!));
    expect(unknown).toEqual([]);
  });
});
