// `.env.example` is the list users copy from: it must name every variable some process accepts, and nothing else.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogEnvShape } from '@threadly/catalog';
import { commerceEnvShape } from '@threadly/commerce';
import { gatewayEnvShape } from '@threadly/gateway';
import { identityEnvShape } from '@threadly/identity';
import { messagingEnvShape } from '@threadly/messaging';

const SCRIPT_ONLY = ['DATA_DIR', 'STRIPE_STAND_IN_PORT', 'REPLICAS'];

describe('.env.example', () => {
  it('lists exactly the variables the processes accept', () => {
    const listed = readFileSync(resolve(import.meta.dirname, '../.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    const accepted = new Set([
      ...Object.keys({ ...identityEnvShape, ...catalogEnvShape, ...commerceEnvShape, ...messagingEnvShape, ...gatewayEnvShape }),
      ...SCRIPT_ONLY,
    ]);
    expect([...accepted].filter((name) => !listed.includes(name)).sort()).toEqual([]);
    expect(listed.filter((name) => !accepted.has(name!)).sort()).toEqual([]);
  });
});
