import { createErrorFormatter } from '@threadly/errors';
import { createLogger } from '@threadly/logger';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import type { ConnectionContext } from './connection-registry.ts';
import { createSubscriptionOperations } from './subscription-operations.ts';
import type { SubscriptionPlanner } from './subscription-planner.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS } from './subscription-settings.ts';

/** Only the error path of `onNext` is exercised: nothing here plans or subscribes. */
const operationsFor = (production: boolean) =>
  createSubscriptionOperations({
    planner: {} as SubscriptionPlanner,
    dataSources: {},
    connections: new Map(),
    settings: DEFAULT_SUBSCRIPTION_SETTINGS,
    formatError: createErrorFormatter({ production }),
    logger: createLogger('test', 'silent'),
  });

const eventWith = (errors: unknown[]): ExecutionResult => ({ data: { messageAdded: { id: 'm1', sender: null } }, errors: errors as GraphQLError[] });
const onNext = (production: boolean, result: ExecutionResult) =>
  operationsFor(production).onNext({} as ConnectionContext, 'm', {} as SubscribePayload, {} as ExecutionArgs, result);

describe('subscription events with errors', () => {
  it('masks a raw fetch error among an event’s errors (it used to throw "error.toJSON is not a function" and end the subscription)', () => {
    const fetchError = Object.assign(new Error('request to http://127.0.0.1:4001/graphql failed, reason: connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(onNext(true, eventWith([fetchError]))).toEqual({
      data: { messageAdded: { id: 'm1', sender: null } },
      errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('names each unavailable subgraph once, keeping the data', () => {
    const unavailable = () => new GraphQLError('The identity service is unavailable right now.', { extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'identity' } });
    const result = onNext(true, eventWith([unavailable(), unavailable()]));
    expect(result).toEqual({
      data: { messageAdded: { id: 'm1', sender: null } },
      errors: [{ message: 'The identity service is unavailable right now.', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'identity' } }],
    });
  });
});
