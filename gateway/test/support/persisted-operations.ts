import { resolve } from 'node:path';
import { readManifest, type PersistedOperationManifest } from '../../src/plugins/persisted-operations-manifest.ts';
import type { FirstPartyMode } from '../../src/plugins/persisted-operations-policy.ts';
import type { PersistedOperationsOptions } from '../../src/plugins/persisted-operations-env.ts';

const clients = resolve(import.meta.dirname, '../../../clients');

/** The checked-in manifests `npm run codegen` writes: the partner's, and the mobile app's as the first-party one. */
export const manifests: { partner: PersistedOperationManifest; mobile: PersistedOperationManifest } = {
  partner: readManifest(resolve(clients, 'partner/src/gql/persisted-documents.json')),
  mobile: readManifest(resolve(clients, 'mobile/src/gql/persisted-documents.json')),
};

export const persistedOperationsFor = (firstPartyMode: FirstPartyMode, apqCache?: PersistedOperationsOptions['apqCache']): PersistedOperationsOptions => ({
  firstPartyMode,
  partnerManifest: manifests.partner,
  firstPartyManifest: manifests.mobile,
  apqCache,
});

/** The hash `npm run codegen` embedded in a generated document. */
export function hashOf(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('not a generated document with a persisted hash');
  return hash;
}
