import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { verifyViewer } from '@threadly/identity-headers';
import { execute, GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { PubSub } from 'graphql-subscriptions';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * Two small subgraphs for the executor's unit tests, independent of the real four: `chat` owns
 * `Subscription.messageAdded(room)` and `Message`, `people` owns `User.name`, so an event needs an entity fetch
 * from another subgraph to be complete. `chat` serves graphql-ws and authenticates its connection from
 * `connectionParams.viewer`, as the real subgraphs do.
 */
const chatSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { ping: String }
  type Subscription { messageAdded(room: ID!): Message! }
  type Message @key(fields: "id") { id: ID! body: String! author: User! }
  type User @key(fields: "id", resolvable: false) { id: ID! }
`);
const peopleSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { user(id: ID!): User }
  type User @key(fields: "id") { id: ID! name: String! }
`);

export const CHAT_SECRET = 'chat-subgraph-test-secret'.padEnd(40, '-');
export const PEOPLE = { alice: 'Alice Martin', bob: 'Bob Leroy' } as Record<string, string>;

export interface ChatMessage {
  id: string;
  body: string;
  authorId: string;
}

export interface ChatSubgraphs {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  publish(room: string, message: ChatMessage): Promise<void>;
  /** Upstream subscriptions chat is serving right now. */
  activeSubscriptions(): number;
  /** Entity requests people has answered. */
  peopleRequests(): number;
  close(): Promise<void>;
}

export async function startChatSubgraphs(): Promise<ChatSubgraphs> {
  const pubsub = new PubSub();
  let active = 0;
  let peopleRequests = 0;
  const chatSchema = buildSubgraphSchema({
    typeDefs: chatSdl,
    resolvers: {
      Subscription: {
        messageAdded: {
          subscribe: (_: unknown, { room }: { room: string }, context: { viewer: string | null }) => {
            if (!context.viewer) throw new GraphQLError('Sign in to follow a room.', { extensions: { code: 'UNAUTHENTICATED' } });
            if (room === 'secret') throw new GraphQLError('You are not in this room.', { extensions: { code: 'FORBIDDEN' } });
            active += 1;
            const iterator = pubsub.asyncIterableIterator<{ messageAdded: ChatMessage }>(`room:${room}`);
            const original = iterator.return?.bind(iterator);
            iterator.return = () => {
              active -= 1;
              return original ? original() : Promise.resolve({ done: true, value: undefined });
            };
            return iterator;
          },
        },
      },
      Message: { author: (message: ChatMessage) => ({ __typename: 'User', id: message.authorId }) },
    } as never,
  });
  const peopleSchema = buildSubgraphSchema({
    typeDefs: peopleSdl,
    resolvers: {
      Query: { user: (_: unknown, { id }: { id: string }) => (PEOPLE[id] ? { id } : null) },
      User: {
        __resolveReference: ({ id }: { id: string }) => (PEOPLE[id] ? { id } : null),
        name: ({ id }: { id: string }) => PEOPLE[id],
      },
    } as never,
  });
  const chat = await serveHttp(chatSchema, () => undefined);
  const people = await serveHttp(peopleSchema, () => (peopleRequests += 1));
  const wss = new WebSocketServer({ server: chat, path: '/graphql' });
  const ws = useServer(
    {
      schema: chatSchema,
      context: (ctx) => {
        const verified = verifyViewer(ctx.connectionParams?.viewer as string | undefined, CHAT_SECRET);
        return { viewer: verified.status === 'valid' ? verified.viewer.userId : null };
      },
    },
    wss,
  );
  const composed = composeServices([
    { name: 'chat', typeDefs: chatSdl, url: urlOf(chat) },
    { name: 'people', typeDefs: peopleSdl, url: urlOf(people) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return {
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: { chat: urlOf(chat), people: urlOf(people) },
    publish: (room, message) => pubsub.publish(`room:${room}`, { messageAdded: message }),
    activeSubscriptions: () => active,
    peopleRequests: () => peopleRequests,
    async close() {
      await ws.dispose();
      await Promise.all([chat, people].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

/** A bare POST /graphql endpoint: enough for the gateway's entity fetches. */
async function serveHttp(schema: GraphQLSchema, onRequest: () => void): Promise<Server> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    onRequest();
    const result = await execute({ schema, document: parse(query), variableValues: variables });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
