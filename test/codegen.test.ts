// Client code generation output is checked in; this fails when it no longer matches the operations and the API
// schema, with the command that fixes it. Each client's persisted-operations manifest is part of that output.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { readManifest } from '@threadly/gateway';
import config, { CLIENTS } from '../codegen.ts';

const root = resolve(import.meta.dirname, '..');

describe('generated client code', () => {
  it('matches the operations and clients/schema.graphql (else run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
    expect(outputs.map(({ filename }) => filename)).toEqual(expect.arrayContaining(CLIENTS.map((client) => `clients/${client}/src/gql/persisted-documents.json`)));
    for (const { filename, content } of outputs) {
      expect(readFileSync(resolve(root, filename), 'utf8'), filename).toBe(content);
    }
  });

  it.each(CLIENTS)('gives %s a manifest the gateway accepts, holding every generated operation under its hash', async (client) => {
    expect(CLIENTS).toEqual(expect.arrayContaining(['mobile', 'partner']));
    const manifest = readManifest(resolve(root, `clients/${client}/src/gql/persisted-documents.json`));
    const generated = readFileSync(resolve(root, `clients/${client}/src/gql/graphql.ts`), 'utf8');
    const hashes = [...generated.matchAll(/"__meta__":\{"hash":"([0-9a-f]{64})"\}/g)].map((match) => match[1]);
    expect(hashes.length).toBeGreaterThan(0);
    expect([...manifest.keys()].sort()).toEqual([...new Set(hashes)].sort());
  });
});
