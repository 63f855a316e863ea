import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { GRAPHQL_URL } from '../config.ts';
import { ApiError } from './api-error.ts';

interface GraphQLResponseBody<Result> {
  data?: Result | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const printed = new WeakMap<object, string>();
/** Documents are printed once: they are module constants. */
export function documentText(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * The one error a screen can live with: a part of Threadly is down, and the schema made room for it — the fields
 * that part gives are null (README "Failure handling") and the screens say so where they would show them.
 */
const PARTIAL_ANSWER_CODE = 'SUBGRAPH_UNAVAILABLE';

/**
 * One GraphQL request to the gateway as the signed-in user (or anonymously). Resolves with `data`, also when a
 * subgraph was unavailable and the rest came back; any other GraphQL error rejects with an ApiError carrying its
 * code — the screens never show half an answer as if it were whole.
 */
export async function graphqlRequest<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  token: string | null,
  signal?: AbortSignal,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: documentText(document as TypedDocumentNode<unknown, never>), variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('Threadly cannot be reached right now.', 'NETWORK');
  }
  const body = (await response.json().catch(() => ({}))) as GraphQLResponseBody<Result>;
  const errors = body.errors ?? [];
  const partial = body.data && errors.every((error) => error.extensions?.code === PARTIAL_ANSWER_CODE);
  const [first] = errors;
  if (first && !partial) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!response.ok || !body.data) throw new ApiError(`The gateway answered ${response.status}.`, 'INTERNAL_SERVER_ERROR');
  return body.data;
}
