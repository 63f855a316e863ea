import type { SchemaTypes } from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { validationErrorToGraphQL } from '@threadly/errors';
import { scopeAuthError } from './viewer-scopes.ts';
import { cacheHint, cacheTiers } from './cache-control.ts';

/**
 * The Pothos options every subgraph's builder uses. They must be identical across subgraphs: `PageInfo` is a
 * shareable type that composition requires to be the same everywhere, descriptions included.
 */
export const subgraphBuilderOptions = {
  // Scope auth first: it wraps resolvers, and its checks must run before any other plugin's wrapper does work
  // (argument validation is not a wrapper: Pothos runs it before every wrapper). Federation last: it must see
  // resolvers after the other plugins have wrapped them.
  plugins: [ScopeAuthPlugin, DirectivesPlugin, RelayPlugin, ValidationPlugin, FederationPlugin] as Array<
    keyof PothosSchemaTypes.Plugins<SchemaTypes>
  >,
  defaultFieldNullability: false as const,
  relay: {
    clientMutationId: 'omit' as const,
    cursorType: 'String' as const,
    nodeQueryOptions: false as const,
    nodesQueryOptions: false as const,
    pageInfoTypeOptions: { shareable: true, directives: cacheHint(cacheTiers.inherit), description: 'Where a page sits in its list, for fetching the next or previous one.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the list.' },
    cursorFieldOptions: { description: 'Pass as `after` (or `before`) to continue from this item.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on this page; pass it as `after` for the next page.' },
    firstArgOptions: { description: 'Page size, counting forwards: default 20, at most 100.' },
    afterArgOptions: { description: 'Continue after this cursor.' },
    lastArgOptions: { description: 'Page size, counting backwards from `before`: at most 100.' },
    beforeArgOptions: { description: 'Continue before this cursor (paging backwards).' },
  },
  validation: { validationError: validationErrorToGraphQL },
  /** Each builder adds its `authScopes` initializer (`viewerAuthScopes(ctx.viewer)`) next to these. */
  // Subscriptions are authorized once, when they start (FORBIDDEN or NOT_FOUND then, never a silent empty stream);
  // type-level scopes (`Order`, `Conversation`) still hold for every event.
  scopeAuth: { unauthorizedError: scopeAuthError, authorizeOnSubscribe: true },
};
