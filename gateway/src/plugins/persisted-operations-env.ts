import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@threadly/logger';
import { z } from 'zod';
import { createApqCacheStore } from './persisted-operations-apq-cache.ts';
import { readManifests, type PersistedOperationManifest } from './persisted-operations-manifest.ts';
import { FIRST_PARTY_MODES, type FirstPartyMode } from './persisted-operations-policy.ts';

/** Relative manifest paths are read from the repository root, wherever the gateway was started from. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The gateway's persisted-operations variables; spread into the gateway's env shape. */
export const persistedOperationsEnvShape = {
  /** What first-party clients may run: unset, `open` in development (Sandbox) and `safelist` in production. */
  PERSISTED_OPERATIONS_MODE: z.enum(FIRST_PARTY_MODES, { message: 'expected safelist, audit or open' }).optional(),
  /** The operations partner API keys may run (one manifest, written by `npm run codegen`). */
  PERSISTED_OPERATIONS_PARTNER_MANIFEST: z.string().min(1).default('clients/partner/src/gql/persisted-documents.json'),
  /** The first-party clients' manifests, comma-separated; a path with no file is skipped with a warning. */
  PERSISTED_OPERATIONS_FIRST_PARTY_MANIFESTS: z
    .string()
    .default('clients/web/src/gql/persisted-documents.json,clients/mobile/src/gql/persisted-documents.json')
    .transform((list) => list.split(',').map((path) => path.trim()).filter(Boolean)),
};

type PersistedOperationsEnv = z.infer<z.ZodObject<typeof persistedOperationsEnvShape>> & { NODE_ENV: string };

/** What `startGatewayServer` needs to enforce persisted operations. */
export interface PersistedOperationsOptions {
  firstPartyMode: FirstPartyMode;
  partnerManifest: PersistedOperationManifest;
  firstPartyManifest: PersistedOperationManifest;
  /** Where APQ registrations are kept in open and audit modes; absent: Apollo's in-process default. */
  apqCache?: KeyValueCache<string>;
}

export const defaultFirstPartyMode = (nodeEnv: string): FirstPartyMode => (nodeEnv === 'production' ? 'safelist' : 'open');

/**
 * Loads the manifests named by the environment and opens the APQ cache (Redis at `redisUrl`, else in process).
 * A malformed manifest throws; a missing one is logged, and a missing partner manifest leaves partners nothing to run.
 */
export async function createPersistedOperations(
  env: PersistedOperationsEnv,
  { redisUrl, logger }: { redisUrl?: string; logger: Pick<Logger, 'warn' | 'error' | 'info'> },
): Promise<{ options: PersistedOperationsOptions; close(): Promise<void> }> {
  const onMissing = (path: string) => logger.warn({ path }, 'persisted-operations manifest not found (run `npm run codegen`): none of its operations are trusted');
  const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(REPOSITORY_ROOT, path));
  const firstPartyMode = env.PERSISTED_OPERATIONS_MODE ?? defaultFirstPartyMode(env.NODE_ENV);
  const partnerManifest = readManifests([fromRoot(env.PERSISTED_OPERATIONS_PARTNER_MANIFEST)], onMissing);
  const firstPartyManifest = readManifests(env.PERSISTED_OPERATIONS_FIRST_PARTY_MANIFESTS.map(fromRoot), onMissing);
  // Safelist mode never consults the APQ cache, so it opens none.
  const apq = firstPartyMode === 'safelist' ? undefined : await createApqCacheStore({ redisUrl, logger });
  logger.info(
    { firstPartyMode, partnerOperations: partnerManifest.size, firstPartyOperations: firstPartyManifest.size, apq: apq?.backend ?? 'off' },
    'persisted operations: partners run their manifest only',
  );
  return {
    options: { firstPartyMode, partnerManifest, firstPartyManifest, apqCache: apq?.cache },
    close: async () => apq?.close(),
  };
}
