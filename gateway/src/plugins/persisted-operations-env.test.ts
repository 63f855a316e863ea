import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadGatewayEnv } from '../env.ts';
import { createPersistedOperations } from './persisted-operations-env.ts';
import { sha256Hex } from './persisted-operations-manifest.ts';

const quietLogger = () => ({ warn: vi.fn(), error: vi.fn(), info: vi.fn() });

describe('persisted-operations configuration', () => {
  it('is open in development and safelist in production unless PERSISTED_OPERATIONS_MODE says otherwise, with the checked-in manifests', async () => {
    const development = await createPersistedOperations(loadGatewayEnv({}), { logger: quietLogger() });
    expect(development.options.firstPartyMode).toBe('open');
    expect(development.options.partnerManifest.size).toBeGreaterThanOrEqual(3);
    expect(development.options.firstPartyManifest.size).toBeGreaterThanOrEqual(10);
    expect(development.options.apqCache).toBeDefined();
    // (The rest of a production configuration needs real secrets; only NODE_ENV matters here.)
    const production = await createPersistedOperations({ ...loadGatewayEnv({}), NODE_ENV: 'production' }, { logger: quietLogger() });
    expect(production.options.firstPartyMode).toBe('safelist');
    expect(production.options.apqCache).toBeUndefined();
    const audit = await createPersistedOperations(loadGatewayEnv({ PERSISTED_OPERATIONS_MODE: 'audit' }), { logger: quietLogger() });
    expect(audit.options.firstPartyMode).toBe('audit');
  });

  it('names a bad mode in one line', () => {
    expect(() => loadGatewayEnv({ PERSISTED_OPERATIONS_MODE: 'strict' })).toThrow(/^Invalid configuration: PERSISTED_OPERATIONS_MODE — expected safelist, audit or open/);
  });

  it('warns about a manifest that does not exist and refuses to start with one that does not hold what it says', async () => {
    const logger = quietLogger();
    const missing = await createPersistedOperations(loadGatewayEnv({ PERSISTED_OPERATIONS_PARTNER_MANIFEST: '/nonexistent/persisted-documents.json' }), { logger });
    expect(missing.options.partnerManifest.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith({ path: '/nonexistent/persisted-documents.json' }, expect.stringContaining('not found'));

    const folder = mkdtempSync(join(tmpdir(), 'manifest-'));
    const tampered = join(folder, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ [sha256Hex('{ categories { id } }')]: '{ me { email } }' }));
    await expect(createPersistedOperations(loadGatewayEnv({ PERSISTED_OPERATIONS_PARTNER_MANIFEST: tampered }), { logger })).rejects.toThrow(
      /tampered\.json: the document under [0-9a-f]{64} does not hash to it/,
    );
    const malformed = join(folder, 'malformed.json');
    writeFileSync(malformed, JSON.stringify({ 'sha256:abc': '{ categories { id } }' }));
    await expect(createPersistedOperations(loadGatewayEnv({ PERSISTED_OPERATIONS_FIRST_PARTY_MANIFESTS: malformed }), { logger })).rejects.toThrow(
      /malformed\.json: expected \{ "<sha256 hex>": "<document>" \}/,
    );
  });
});
