// Client code generation output is checked in; this fails when it no longer matches the operations and the API
// schema, with the command that fixes it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const root = resolve(import.meta.dirname, '..');

describe('generated client code', () => {
  it('matches the operations and clients/schema.graphql (else run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(readFileSync(resolve(root, filename), 'utf8'), filename).toBe(content);
    }
  });
});
