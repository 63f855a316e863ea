import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A generated document: `npm run codegen` embeds the SHA-256 under which the gateway's manifest holds its text. */
export type PersistedDocument<Result, Variables> = TypedDocumentNode<Result, Variables> & { __meta__?: { hash?: string } };

export interface GraphQLError {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface OperationResult<Result> {
  status: number;
  data?: Result | null;
  errors?: GraphQLError[];
}

/** Runs a generated document; variables are optional exactly when the operation has none that are required. */
export type RunOperation = <Result, Variables extends Record<string, unknown>>(
  document: PersistedDocument<Result, Variables>,
  ...variables: Record<string, never> extends Variables ? [Variables?] : [Variables]
) => Promise<OperationResult<Result>>;

export interface PersistedClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A Clerk session token (`npm run token -- buyer@demo.threadly.dev` in development); absent: anonymous. */
  token?: string;
}

/**
 * The mobile app's transport: every operation goes by its hash alone (`extensions.persistedQuery`), never as text,
 * which is all a gateway in safelist mode accepts and the smallest request on a phone's connection.
 */
export function createPersistedClient({ url, token }: PersistedClientOptions): RunOperation {
  return async (document, ...[variables]) => {
    const hash = document.__meta__?.hash;
    if (!hash) throw new Error('This document has no persisted hash: regenerate with `npm run codegen`.');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ variables: variables ?? {}, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    const body = (await response.json()) as Omit<OperationResult<never>, 'status'>;
    return { status: response.status, ...body };
  };
}
