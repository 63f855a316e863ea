import { sha256Hex, type PersistedOperationManifest } from './persisted-operations-manifest.ts';

/** What first-party clients (signed-in users and anonymous callers) may run; partners are always safelisted. */
export const FIRST_PARTY_MODES = ['safelist', 'audit', 'open'] as const;
export type FirstPartyMode = (typeof FIRST_PARTY_MODES)[number];

export interface PersistedOperationsPolicy {
  firstPartyMode: FirstPartyMode;
  /** The operations partner API keys may run, by hash. */
  partnerManifest: PersistedOperationManifest;
  /** The web and mobile apps' operations. */
  firstPartyManifest: PersistedOperationManifest;
  /** Lets introspection through safelist mode outside production, so Apollo Sandbox can load the schema. */
  allowIntrospection: boolean;
}

export type Caller = 'partner' | 'first-party';

/** What the gateway does with one request, decided before Apollo looks at its query or its APQ hash. */
export type Verdict =
  /** A manifest operation: run the manifest's text; the APQ cache is neither read nor written. */
  | { kind: 'trusted'; document: string }
  /** Anything goes (open, audit): Apollo runs the query, APQ included; `audit` logs it once per hash. */
  | { kind: 'untrusted'; audit: boolean }
  /** Safelist mode outside production: only an introspection query may run (Apollo Sandbox). */
  | { kind: 'introspection-only' }
  | { kind: 'refused'; message: string };

/** How a refusal names the operation: its hash when it is one, never arbitrary text the client put there. */
const named = (hash: string) => (/^[0-9a-f]{64}$/.test(hash) ? `Operation ${hash}` : 'An operation named by something other than a SHA-256 hash');

export interface OperationRequest {
  query?: unknown;
  extensions?: unknown;
}

/** The APQ hash the request names (`extensions.persistedQuery.sha256Hash`), if it names one as a string. */
export function persistedQueryHashOf(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persistedQuery = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persistedQuery !== 'object' || persistedQuery === null) return undefined;
  const hash = (persistedQuery as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * Decides what runs. Partners run their manifest's operations by hash and nothing else (a full query, even one
 * whose text is in the manifest, and an APQ registration are refused). First-party clients run their manifests'
 * operations by hash or by exact text in every mode; anything else runs in open and audit mode and is refused in
 * safelist mode — an APQ registration too, so a hash cannot be made trusted by sending its query once.
 */
export function judgeOperation(policy: PersistedOperationsPolicy, caller: Caller, request: OperationRequest): Verdict {
  const hash = persistedQueryHashOf(request.extensions);
  const query = typeof request.query === 'string' ? request.query : undefined;
  if (caller === 'partner') {
    const document = hash === undefined ? undefined : policy.partnerManifest.get(hash);
    if (document !== undefined) return { kind: 'trusted', document };
    return {
      kind: 'refused',
      message:
        hash === undefined
          ? 'Partner API keys run operations of the partner manifest by id: send extensions.persistedQuery.sha256Hash instead of a query.'
          : `${named(hash)} is not in the partner manifest.`,
    };
  }
  const known = hash !== undefined ? policy.firstPartyManifest.get(hash) : query !== undefined ? policy.firstPartyManifest.get(sha256Hex(query)) : undefined;
  if (known !== undefined) return { kind: 'trusted', document: known };
  if (policy.firstPartyMode === 'open') return { kind: 'untrusted', audit: false };
  if (policy.firstPartyMode === 'audit') return { kind: 'untrusted', audit: true };
  if (policy.allowIntrospection && hash === undefined && query !== undefined) return { kind: 'introspection-only' };
  return {
    kind: 'refused',
    message:
      hash === undefined
        ? 'This operation is not in the web or mobile app manifest, and only those run here (safelist mode).'
        : `${named(hash)} is not in the web or mobile app manifest, and only those run here (safelist mode).`,
  };
}
