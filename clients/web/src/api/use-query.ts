import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../session/session-context.tsx';
import { isApiError } from './api-error.ts';
import { graphqlRequest } from './graphql-request.ts';

export interface QueryState<Result> {
  data: Result | undefined;
  error: unknown;
  /** True while a request is in flight; `data` keeps the previous answer meanwhile, so refreshes do not flicker. */
  loading: boolean;
  refetch(): void;
  /** Replaces the data in place, e.g. with what a mutation or a live event returned. */
  update(change: (data: Result) => Result): void;
}

/** Runs a query as the signed-in user and again whenever its variables or the user change. */
export function useQuery<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  { skip = false }: { skip?: boolean } = {},
): QueryState<Result> {
  const { token, signOut } = useSession();
  const variablesKey = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: Result; error?: unknown; loading: boolean }>({ loading: !skip });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    graphqlRequest(document, JSON.parse(variablesKey) as Variables, token, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // An expired or refused session: back to signed out, where the screen offers to sign in again.
        if (token && isApiError(error) && error.code === 'UNAUTHENTICATED') signOut();
        setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [document, variablesKey, token, skip, version, signOut]);

  const refetch = useCallback(() => setVersion((value) => value + 1), []);
  const update = useCallback((change: (data: Result) => Result) => {
    setState((previous) => (previous.data === undefined ? previous : { ...previous, data: change(previous.data) }));
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, refetch, update };
}

/** Sends mutations (or one-off queries) as the signed-in user. */
export function useRequest() {
  const { token } = useSession();
  return useCallback(
    <Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables) => graphqlRequest(document, variables, token),
    [token],
  );
}
