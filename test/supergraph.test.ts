// The checked-in SDL files and supergraph are generated; this fails when they no longer match the code, with the
// command that fixes it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSupergraphSdl } from '@threadly/gateway';
import { subgraphSdlFromCode } from '../scripts/lib/subgraph-schemas.ts';
import { API_SCHEMA_PATH, apiSchemaOf, composeSupergraph, readSupergraphConfig } from '../scripts/lib/supergraph-config.ts';

describe('generated schemas', () => {
  it.each(subgraphSdlFromCode())('subgraphs/$name/schema.graphql matches the code (else run `npm run compose`)', ({ file, sdl }) => {
    expect(readFileSync(file, 'utf8')).toBe(sdl);
  });

  it('gateway/supergraph.graphql matches a fresh composition of supergraph.yaml (else run `npm run compose`)', () => {
    const result = composeSupergraph(readSupergraphConfig());
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.supergraphSdl).toBe(readSupergraphSdl());
  });

  it('clients/schema.graphql is the API schema of the checked-in supergraph (else run `npm run compose`)', () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(apiSchemaOf(readSupergraphSdl()));
  });

  it('composition reports errors instead of producing a broken supergraph', () => {
    const subgraphs = readSupergraphConfig().map((subgraph) =>
      subgraph.name === 'catalog' ? { ...subgraph, sdl: subgraph.sdl.replace(/type Product\b/, 'type Product @shareable') } : subgraph,
    );
    subgraphs.push({ name: 'rogue', url: 'http://127.0.0.1:1/graphql', file: 'rogue.graphql', sdl: 'type Query { me: Int }' });
    const result = composeSupergraph(subgraphs);
    expect(result.ok).toBe(false);
  });
});
