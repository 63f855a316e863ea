import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface PartnerResponse<Result> {
  status: number;
  data?: Result | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface PartnerClient {
  /** Runs an operation of the partner manifest by its hash (`npm run codegen` embeds it in each document). */
  run<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<PartnerResponse<Result>>;
  /** Sends a raw request body, e.g. a query that is not in the manifest, to see what the gateway answers. */
  send(body: Record<string, unknown>): Promise<PartnerResponse<unknown>>;
}

/**
 * A partner's whole integration with Threadly: POST /graphql with `x-api-key` and, instead of a query, the hash of
 * an operation in the partner manifest (`extensions.persistedQuery.sha256Hash`) — the same request as
 * `curl -H 'x-api-key: thr_live_…' -d '{"variables":{…},"extensions":{"persistedQuery":{"version":1,"sha256Hash":"…"}}}'`.
 */
export function createPartnerClient({ url, apiKey }: { url: string; apiKey: string }): PartnerClient {
  const send = async (body: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as Omit<PartnerResponse<unknown>, 'status'>) };
  };
  return {
    send,
    async run(document, variables) {
      const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      if (!hash) throw new Error('This document has no persisted hash: regenerate with `npm run codegen`.');
      return (await send({ variables: variables ?? {}, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })) as PartnerResponse<never>;
    },
  };
}
