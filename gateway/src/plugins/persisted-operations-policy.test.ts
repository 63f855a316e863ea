import { describe, expect, it } from 'vitest';
import { sha256Hex } from './persisted-operations-manifest.ts';
import { judgeOperation, type FirstPartyMode, type PersistedOperationsPolicy } from './persisted-operations-policy.ts';

const PARTNER_DOC = 'query PartnerCategories { categories { id } }';
const MOBILE_DOC = 'query Home { products { edges { node { id } } } }';
const UNKNOWN_DOC = '{ me { email } }';

const policy = (firstPartyMode: FirstPartyMode, allowIntrospection = false): PersistedOperationsPolicy => ({
  firstPartyMode,
  allowIntrospection,
  partnerManifest: new Map([[sha256Hex(PARTNER_DOC), PARTNER_DOC]]),
  firstPartyManifest: new Map([[sha256Hex(MOBILE_DOC), MOBILE_DOC]]),
});
const byHash = (document: string, withQuery = false) => ({
  ...(withQuery ? { query: document } : {}),
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(document) } },
});

describe('judgeOperation', () => {
  it('lets a partner run its manifest by hash, whatever query text comes along, and nothing else', () => {
    for (const mode of ['safelist', 'audit', 'open'] as const) {
      expect(judgeOperation(policy(mode), 'partner', byHash(PARTNER_DOC))).toEqual({ kind: 'trusted', document: PARTNER_DOC });
      expect(judgeOperation(policy(mode), 'partner', { ...byHash(PARTNER_DOC), query: UNKNOWN_DOC })).toEqual({ kind: 'trusted', document: PARTNER_DOC });
      expect(judgeOperation(policy(mode, true), 'partner', { query: PARTNER_DOC }).kind).toBe('refused');
      expect(judgeOperation(policy(mode), 'partner', byHash(UNKNOWN_DOC, true)).kind).toBe('refused');
      expect(judgeOperation(policy(mode), 'partner', byHash(MOBILE_DOC)).kind).toBe('refused');
      expect(judgeOperation(policy(mode), 'partner', { extensions: { persistedQuery: { sha256Hash: 42 } } }).kind).toBe('refused');
    }
  });

  it('trusts first-party manifest operations by hash and by exact text in every mode', () => {
    for (const mode of ['safelist', 'audit', 'open'] as const) {
      expect(judgeOperation(policy(mode), 'first-party', byHash(MOBILE_DOC))).toEqual({ kind: 'trusted', document: MOBILE_DOC });
      expect(judgeOperation(policy(mode), 'first-party', { query: MOBILE_DOC })).toEqual({ kind: 'trusted', document: MOBILE_DOC });
    }
  });

  it('runs other first-party operations in open and audit mode (audit logs them), refuses them in safelist mode, APQ registrations too', () => {
    expect(judgeOperation(policy('open'), 'first-party', byHash(UNKNOWN_DOC, true))).toEqual({ kind: 'untrusted', audit: false });
    expect(judgeOperation(policy('audit'), 'first-party', { query: UNKNOWN_DOC })).toEqual({ kind: 'untrusted', audit: true });
    for (const request of [{ query: UNKNOWN_DOC }, byHash(UNKNOWN_DOC), byHash(UNKNOWN_DOC, true), byHash(PARTNER_DOC)]) {
      expect(judgeOperation(policy('safelist'), 'first-party', request).kind).toBe('refused');
    }
  });

  it('leaves introspection to be checked once parsed, only outside production and only for a query sent as text', () => {
    expect(judgeOperation(policy('safelist', true), 'first-party', { query: '{ __schema { types { name } } }' })).toEqual({ kind: 'introspection-only' });
    expect(judgeOperation(policy('safelist', true), 'first-party', byHash('{ __schema { types { name } } }', true)).kind).toBe('refused');
    expect(judgeOperation(policy('safelist', false), 'first-party', { query: '{ __schema { types { name } } }' }).kind).toBe('refused');
  });
});
