import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const supergraphConfigSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(
    z.string(),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string() }) }),
  ),
});

export const SUPERGRAPH_CONFIG_PATH = resolve(import.meta.dirname, '../../supergraph.yaml');

/** The subgraphs `supergraph.yaml` lists, with their SDL read from the files it names. */
export function readSupergraphConfig(path = SUPERGRAPH_CONFIG_PATH) {
  const config = supergraphConfigSchema.parse(parseYaml(readFileSync(path, 'utf8')));
  return Object.entries(config.subgraphs).map(([name, subgraph]) => {
    const file = resolve(dirname(path), subgraph.schema.file);
    return { name, url: subgraph.routing_url, file, sdl: readFileSync(file, 'utf8') };
  });
}

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the subgraphs exactly as Rover would, returning either the supergraph SDL or every error. */
export function composeSupergraph(subgraphs: ReturnType<typeof readSupergraphConfig>): ComposeResult {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`) };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n` };
}

/**
 * The schema clients see: the supergraph without federation's join/link machinery and without @inaccessible
 * parts. Client code generation reads this file.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  // Printed by federation's own printer: converting to a graphql-js schema here would mix the CommonJS and ESM
  // builds of graphql when run under Vitest.
  return `${printFederationSchema(Supergraph.build(supergraphSdl).apiSchema()).trim()}\n`;
}

export const API_SCHEMA_PATH = resolve(import.meta.dirname, '../../clients/schema.graphql');
