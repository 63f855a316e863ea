import { clientOperations } from './client-operations.ts';
import type { FuzzRequest } from './fuzz-requests.ts';

/** A defect the fuzzer found, kept as the request that showed it and the answer it gets since the fix. */
export interface FuzzRegression {
  name: string;
  request: FuzzRequest;
  expected: { status: number; code: string };
}

const subscription = clientOperations().find(({ document }) => /^(fragment [^]*)?subscription MessageAdded/.test(document));
if (!subscription) throw new Error('the web app no longer ships MessageAdded; pick another subscription for the regression');

export const FUZZ_REGRESSIONS: FuzzRegression[] = [
  {
    // Was a 500 INTERNAL_SERVER_ERROR: the gateway's executor throws on subscriptions (operation-resolution-plugin.ts).
    name: "a client's subscription POSTed over HTTP instead of the WebSocket",
    request: {
      family: 'regression',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: subscription.document, variables: { conversationId: '00000000-0000-0000-0000-000000000000' } }),
    },
    expected: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    // Never a 500 (Apollo refuses every non-query over GET first); kept beside the POST case so both stay 4xx.
    name: "a client's subscription over GET",
    request: {
      family: 'regression',
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
      body: '',
      path: `/graphql?${new URLSearchParams({ query: subscription.document, variables: '{"conversationId":"x"}' }).toString()}`,
    },
    expected: { status: 405, code: 'BAD_REQUEST' },
  },
];
