// The Apollo Router binary cannot be installed on these machines (its npm package downloads it), so this checks
// what `router --supergraph gateway/supergraph.graphql --config docs/router/router.yaml` depends on: the config
// parses, names exactly the subgraphs supergraph.yaml composes, points at files that exist, never forwards a
// client's viewer header, and its safelist holds the clients' current operations.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROUTER_MANIFEST_PATH, routerManifestOf } from '../scripts/lib/router-manifest.ts';

const root = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
// The config's shape where this test reads it; everything else is the Router's to validate.
const router = parse(read('docs/router/router.yaml')) as {
  override_subgraph_url: Record<string, string>;
  traffic_shaping: { subgraphs?: Record<string, unknown> };
  headers: { all: { request: Array<{ propagate?: { named: string }; remove?: { named: string } }> } };
  persisted_queries: { enabled: boolean; safelist: { enabled: boolean }; local_manifests: string[] };
  rhai: { scripts: string; main: string };
  subscription: { enabled: boolean; mode: { passthrough: { all: { protocol: string; path: string } } } };
};
const composed = Object.keys((parse(read('supergraph.yaml')) as { subgraphs: Record<string, unknown> }).subgraphs).sort();

describe('docs/router/router.yaml', () => {
  it('overrides the URL of exactly the subgraphs supergraph.yaml composes, and shapes traffic only for those', () => {
    expect(Object.keys(router.override_subgraph_url).sort()).toEqual(composed);
    for (const name of Object.keys(router.traffic_shaping.subgraphs ?? {})) expect(composed).toContain(name);
  });

  it('matches the subgraph names inside the composed supergraph the Router is given', () => {
    const graphs = [...read('gateway/supergraph.graphql').matchAll(/@join__graph\(name: "([^"]+)"/g)].map((match) => match[1]).sort();
    expect(graphs).toEqual(composed);
  });

  it('never forwards a client-sent x-threadly-viewer, and forwards the request id and trace context', () => {
    const rules = router.headers.all.request;
    expect(rules).toContainEqual({ remove: { named: 'x-threadly-viewer' } });
    expect(rules.filter((rule) => rule.propagate?.named === 'x-threadly-viewer')).toEqual([]);
    const propagated = rules.flatMap((rule) => (rule.propagate ? [rule.propagate.named] : []));
    expect(propagated).toEqual(expect.arrayContaining(['x-request-id', 'traceparent']));
  });

  it('passes subscriptions through over graphql-ws at the path the subgraphs serve', () => {
    expect(router.subscription.enabled).toBe(true);
    expect(router.subscription.mode.passthrough.all).toEqual({ path: '/graphql', protocol: 'graphql_ws' });
  });

  it('points at files that exist: the safelist manifest and the Rhai script', () => {
    expect(router.persisted_queries).toMatchObject({ enabled: true, safelist: { enabled: true } });
    for (const manifest of router.persisted_queries.local_manifests) expect(existsSync(resolve(root, manifest))).toBe(true);
    expect(existsSync(resolve(root, router.rhai.scripts, router.rhai.main))).toBe(true);
  });

  it("safelists the clients' current operations (else run `npm run router:manifest`)", () => {
    expect(JSON.parse(read(ROUTER_MANIFEST_PATH))).toEqual(routerManifestOf(root));
  });
});
