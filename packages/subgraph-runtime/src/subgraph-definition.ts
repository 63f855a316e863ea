import type { BaseContext } from '@apollo/server';
import type { HttpRoute } from '@threadly/http-server';
import type { QueryTimings } from '@threadly/database';
import type { DemoData } from '@threadly/demo-data';
import type { EventConsumer, OutboxSignal } from '@threadly/events';
import type { Viewer } from '@threadly/identity-headers';
import type { GraphQLSchema } from 'graphql';
import type { CacheTagging } from './cache-tags-plugin.ts';

/** What reaches a subgraph's context factory, for HTTP and WebSocket alike: one `createContext` for both. */
export interface SubgraphRequest {
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
  /**
   * The viewer when the transport has verified it already (a WebSocket connection, once, when it opens); absent
   * for HTTP, whose context reads the signed header (`requestViewer`).
   */
  viewer?: Viewer | null;
}

/**
 * Everything the runtime needs to serve a subgraph. Every subgraph builds one of these in its
 * `create-<name>-subgraph.ts`, so the start script, each `main.ts` and the tests treat all four alike.
 */
export interface SubgraphDefinition<Context extends BaseContext = BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /**
   * Where the subgraph's Prisma client reports each operation's duration (`timePrismaQueries`); the runtime turns them
   * into query metrics and slow-query logs. Absent: no database metrics.
   */
  queryTimings?: QueryTimings;
  /** The PostgreSQL schema the subgraph owns; its migrations are applied there. */
  databaseSchema: string;
  /** The subgraph's `prisma/migrations` folder. */
  migrationsDir: string;
  createContext(request: SubgraphRequest): Promise<Context>;
  /** HTTP routes besides GraphQL: webhooks, and internal routes other services call with a signed request. */
  routes?: HttpRoute[];
  /** Whether the subgraph's tables already hold rows (demo data is only loaded into an empty database). */
  hasData(): Promise<boolean>;
  /**
   * Present when the subgraph writes domain events to the `OutboxEvent` table of `databaseSchema`: the runtime
   * runs a relay that publishes them, woken by `signal` after local commits.
   */
  outbox?: { signal?: OutboxSignal };
  /**
   * What tags a response for the gateway's cache purges (`cache-tags-plugin.ts`); defaults to DEFAULT_CACHE_TAGGING.
   * `false` sends no tags (benchmarks measure the tagging's cost with it): the gateway must not cache such a subgraph.
   */
  cacheTagging?: CacheTagging | false;
  /** The events this subgraph reacts to (`defineEventConsumer`); the runtime feeds it from the transport. */
  eventConsumer?: EventConsumer;
  /**
   * Present when the schema has a `Subscription` type: the runtime serves graphql-ws beside HTTP, and runs
   * `publisher`, the consumer group that turns committed domain events into subscription events.
   */
  subscriptions?: {
    /** Verifies the signed viewer each WebSocket connection opens with. */
    identitySecret: string;
    /** One group across replicas, so each event is published once (see packages/pubsub). */
    publisher: EventConsumer;
  };
  /**
   * Further consumer groups of the same subgraph, each fed and retried on its own (catalog's search indexer),
   * so one that is slow or failing never holds up the others.
   */
  extraEventConsumers?: EventConsumer[];
  /**
   * Work the subgraph does on its own, on timers (commerce's Stripe event worker and reservation sweep). The runtime
   * starts it once the subgraph is migrated and serving, never before: a loop that ran first would query tables
   * that do not exist yet. It is stopped after the last request is answered and before the outbox is flushed, so
   * what it wrote is still published. `start` may be called again after `stop`.
   */
  background?: { start(): void; stop(): Promise<void> };
  /** Writes the subgraph's part of the demo data; idempotent. */
  seedDemoData(data: DemoData): Promise<{ rows: number }>;
  close(): Promise<void>;
}
