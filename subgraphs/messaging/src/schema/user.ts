import { crossSubgraphField } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import { ConversationType, resolveInbox } from './conversation.ts';

/**
 * identity's User, referenced by id; messaging adds the user's conversations. No description here: the owning
 * subgraph's wins at composition.
 */
export const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id'));

UserRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    conversations: t.connection(
      {
        type: ConversationType,
        ...crossSubgraphField(
          "The user's conversations, most recent activity first. Only the user themself and admins may list them (FORBIDDEN otherwise).",
          'messaging',
        ),
        authScopes: (user) => ({ self: user.id, admin: true }),
        resolve: (user, args, ctx) => resolveInbox(args, (page) => ctx.conversations.listInbox(user.id, page)),
      },
      {
        name: 'UserConversationsConnection',
        description: "A page of a user's conversations, most recent activity first.",
        edgesField: { description: 'The conversations on this page with their cursors.' },
      },
      { name: 'UserConversationsEdge', description: 'A conversation and its cursor.', nodeField: { description: 'The conversation.' } },
    ),
  }),
});
