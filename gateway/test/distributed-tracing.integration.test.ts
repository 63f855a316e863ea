// One trace from the client through the gateway and the subgraphs down to their SQL, and on through the domain
// events a mutation wrote to the processes that consumed them, on real processes: the gateway and the four subgraphs
// each run their own main.ts, share a Redis event stream of this test's own, and export to an OTLP/HTTP receiver the
// test starts.
import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createTestDatabase, requireServer, startOtlpReceiver, testEnv, type OtlpReceiver, type ReceivedSpan, type TestDatabase } from '@threadly/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { newListingInput } from './support/authorization-rows.ts';
import { freePort, startServiceProcess, type ServiceProcess } from './support/service-processes.ts';
import { postGraphQL } from './support/standalone-gateway.ts';

const SERVER_KIND = 2;
const PRODUCER_KIND = 4;
const CONSUMER_KIND = 5;
const STATUS_ERROR = 2;
const SUBGRAPHS = ['identity', 'catalog', 'commerce', 'messaging'] as const;
// Five processes compile TypeScript at once on a 2-core machine: about a minute when it is quiet.
const START_TIMEOUT_MS = 150_000;
// Spans leave each process in batches every 5 s (the SDK's default); give every process a few batches.
const SPANS_TIMEOUT_MS = 30_000;

let database: TestDatabase;
let receiver: OtlpReceiver;
const processes: ServiceProcess[] = [];
let gatewayUrl: string;
/** This test's own event stream, so no other run's events or consumer groups mix with it; deleted in afterAll. */
const eventStream = `threadly:test:tracing:${randomBytes(4).toString('hex')}`;

/** A client's own span context, sent as `traceparent`: the whole request must join its trace. */
const clientTrace = () => {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, headers: { traceparent: `00-${traceId}-${spanId}-01` } };
};

const spansOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan | undefined) => spans.filter((span) => parent !== undefined && span.parentSpanId === parent.spanId);
const descendantsOf = (spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] =>
  childrenOf(spans, parent).flatMap((child) => [child, ...descendantsOf(spans, child)]);

/** Waits (bounded) until each of `services` has exported a span of the trace; the assertions then say what is missing. */
async function spansArrived(traceId: string, services: string[]) {
  await receiver
    .waitFor((spans) => services.every((service) => spans.some((span) => span.traceId === traceId && span.service === service)), SPANS_TIMEOUT_MS)
    .catch(() => undefined);
  return spansOf(traceId);
}

describe.skipIf(!requireServer('postgres') || !requireServer('redis'))('distributed tracing across real processes', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startOtlpReceiver();
    const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const)));
    const urlOf = (name: (typeof SUBGRAPHS)[number]) => `http://127.0.0.1:${ports[name]}/graphql`;
    // No OTEL_SERVICE_NAME: each process names itself. Redis carries the events between the processes (and gives
    // the gateway its response cache, whose purger is one of the consumers followed below).
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, LOG_LEVEL: 'info', REDIS_URL: testEnv().REDIS_URL!, EVENT_STREAM: eventStream };
    const starting = [
      ...SUBGRAPHS.map((name) =>
        startServiceProcess(
          name,
          `subgraphs/${name}/src/main.ts`,
          { ...tracing, DATABASE_URL: database.url, SEED_DEMO_DATA: 'true', [`${name.toUpperCase()}_PORT`]: String(ports[name]), CATALOG_SUBGRAPH_URL: urlOf('catalog') },
          { readyMessage: `${name} subgraph ready`, timeoutMs: START_TIMEOUT_MS },
        ),
      ),
      startServiceProcess(
        'gateway',
        'gateway/src/main.ts',
        // The rate limiter's buckets live in the machine's shared Redis, where other runs spend them from the same IP.
        { ...tracing, RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_USER: '1000000', GATEWAY_PORT: '0', GATEWAY_WORKERS: '1', IDENTITY_URL: urlOf('identity'), CATALOG_URL: urlOf('catalog'), COMMERCE_URL: urlOf('commerce'), MESSAGING_URL: urlOf('messaging') },
        { readyMessage: 'gateway ready', timeoutMs: START_TIMEOUT_MS },
      ),
    ];
    // Every process that did start is stopped in afterAll, even when another failed to.
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    gatewayUrl = processes.find((service) => service.name === 'gateway')!.url;
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await Promise.allSettled(processes.map((service) => service.stop()));
    await receiver?.close();
    await database?.close();
    const redis = new Redis(testEnv().REDIS_URL!);
    await redis.del(eventStream, `{${eventStream}}:dead`).finally(() => redis.disconnect());
  });

  it("follows one query from the client's traceparent through the gateway's fetches into each subgraph and its SQL", async () => {
    const client = clientTrace();
    // A root `__typename` under an alias of its own (answered by the gateway) makes the response cache's key unique to
    // this request: a response cached in the shared Redis by an earlier run would reach no subgraph.
    const query = `query Listings { run${client.spanId}: __typename products(first: 3) { edges { node { title seller { displayName } } } } }`;
    const response = await postGraphQL(gatewayUrl, query, { headers: client.headers });
    expect(response.json.errors).toBeUndefined();
    expect(response.json.data.products.edges).toHaveLength(3);

    const spans = await spansArrived(client.traceId, ['gateway', 'catalog', 'identity']);
    const gatewayServer = spans.find((span) => span.service === 'gateway' && span.kind === SERVER_KIND);
    expect(gatewayServer).toMatchObject({ name: 'POST /graphql', parentSpanId: client.spanId, attributes: { 'http.route': '/graphql', 'http.response.status_code': 200 } });
    // @apollo/gateway's own spans (request → plan, execute → fetch) hang under the server span.
    const gatewayRequest = childrenOf(spans, gatewayServer).find((span) => span.name === 'gateway.request');
    expect(gatewayRequest?.attributes).toMatchObject({ 'graphql.operation.name': 'Listings' });
    const fetches = spans.filter((span) => span.service === 'gateway' && span.name === 'gateway.fetch');
    expect(fetches.map((fetch) => fetch.attributes.service).sort()).toEqual(['catalog', 'identity']);

    for (const fetch of fetches) {
      const subgraph = fetch.attributes.service as string;
      // The subgraph continued the context the gateway injected into that very fetch.
      const server = childrenOf(spans, fetch).find((span) => span.kind === SERVER_KIND);
      expect(server, `${subgraph}'s server span under its gateway.fetch`).toMatchObject({
        service: subgraph,
        name: 'POST /graphql',
        attributes: { 'threadly.request_id': gatewayServer!.attributes['threadly.request_id'] },
      });
      const operation = childrenOf(spans, server).find((span) => span.attributes['threadly.subgraph'] === subgraph);
      expect(operation, `${subgraph}'s operation span`).toMatchObject({
        service: subgraph,
        name: `query Listings__${subgraph}__${subgraph === 'catalog' ? 0 : 1}`,
        attributes: { 'graphql.operation.type': 'query' },
      });
      // Prisma's spans for the subgraph's reads, with the SQL it ran (parameterised), under the operation.
      const below = descendantsOf(spans, operation!);
      expect(below.filter((span) => span.name === 'prisma:client:operation').length, `${subgraph}'s Prisma operations`).toBeGreaterThan(0);
      const queries = below.filter((span) => span.name === 'prisma:client:db_query');
      expect(queries.length, `${subgraph}'s SQL spans`).toBeGreaterThan(0);
      for (const query of queries) {
        expect(query.service).toBe(subgraph);
        expect(query.attributes['db.query.text']).toMatch(new RegExp(`^SELECT .*"${subgraph}"\\."`));
      }
    }
    // Only the subgraphs the plan touched took part, and every span of the request is in the client's trace.
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['gateway', 'catalog', 'identity']));
    const requestIds = new Set(receiver.spans.filter((span) => span.kind === SERVER_KIND && span.attributes['threadly.request_id'] === gatewayServer!.attributes['threadly.request_id']).map((span) => span.traceId));
    expect(requestIds).toEqual(new Set([client.traceId]));
  });

  it("marks a subgraph's failed operation with error status and its code, in the client's trace", async () => {
    const client = clientTrace();
    const response = await postGraphQL(gatewayUrl, 'mutation Favorite { favoriteProduct(productId: "5b0e4a30-8f43-4a51-9d4a-7c0f7f0b9a11") { id } }', { headers: client.headers });
    expect(response.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const spans = await spansArrived(client.traceId, ['gateway', 'catalog']);
    const operation = spans.find((span) => span.service === 'catalog' && span.attributes['graphql.operation.type'] === 'mutation');
    expect(operation).toMatchObject({ name: 'mutation Favorite__catalog__0', status: { code: STATUS_ERROR, message: 'UNAUTHENTICATED' } });
    expect(operation!.events).toEqual([
      {
        name: 'exception',
        attributes: expect.objectContaining({ 'graphql.error.code': 'UNAUTHENTICATED', 'graphql.error.path': 'favoriteProduct', 'exception.message': 'You must be signed in to do this.' }),
      },
    ]);
    // Nothing the client sent as data is recorded: no variables, no document.
    expect(spans.flatMap((span) => Object.keys(span.attributes)).filter((key) => /variables|graphql\.document/.test(key))).toEqual([]);
    expect(spans.find((span) => span.service === 'gateway' && span.name === 'gateway.request')?.status.code).toBe(STATUS_ERROR);
  });

  it("continues a mutation's trace through its domain event into the consumers of other processes", async () => {
    const client = clientTrace();
    const seller = `Bearer ${signDevelopmentSessionToken(findDemoUser(DEMO_ACCOUNTS.seller.id)!)}`;
    const { categoryId } = newListingInput();
    const response = await postGraphQL(
      gatewayUrl,
      `mutation CreateListing { createListing(input: { title: "Traced coat", description: "Warm.", price: { amount: 9000 }, condition: VERY_GOOD,
         categoryId: "${categoryId}", images: [{ url: "https://images.example.com/coat.jpg", alt: "Front" }] }) { id } }`,
      { headers: { ...client.headers, authorization: seller } },
    );
    expect(response.json.errors).toBeUndefined();
    const productId: string = response.json.data.createListing.id;

    // Waits (bounded) for the relay's send and both consumers' spans; each process exports on its own schedule.
    const consumedBy = (spans: ReceivedSpan[], group: string) =>
      spans.some((span) => span.traceId === client.traceId && span.kind === CONSUMER_KIND && span.attributes['messaging.consumer.group.name'] === group);
    const arrived = (spans: ReceivedSpan[]) =>
      consumedBy(spans, 'gateway-response-cache') && consumedBy(spans, 'catalog-search') && spans.some((span) => span.traceId === client.traceId && span.kind === PRODUCER_KIND);
    await receiver.waitFor(arrived, SPANS_TIMEOUT_MS).catch(() => undefined);
    const spans = spansOf(client.traceId);

    const operation = spans.find((span) => span.service === 'catalog' && span.attributes['graphql.operation.type'] === 'mutation');
    expect(operation, `catalog's mutation span among ${spans.map((span) => `${span.service}:${span.name}`).join(', ')}`).toMatchObject({ name: 'mutation CreateListing__catalog__0' });
    // The relay's send: a PRODUCER span of catalog under the mutation that wrote the outbox row.
    const send = spans.find((span) => span.kind === PRODUCER_KIND);
    expect(send).toMatchObject({
      service: 'catalog',
      name: `send ${eventStream}`,
      attributes: { 'messaging.system': 'redis', 'messaging.destination.name': eventStream, 'messaging.operation.type': 'send', 'threadly.event.type': 'product.created' },
    });
    expect([operation, ...descendantsOf(spans, operation!)].map((span) => span!.spanId), 'the send hangs under the mutation').toContain(send!.parentSpanId);

    // Each consumer's span is a child of that send and links to it: the purger in the gateway process, and catalog's
    // own search indexer.
    const consumers = spans.filter((span) => span.kind === CONSUMER_KIND);
    // The gateway also reads the stream for deleted users (its own group), which ignores this event.
    const purger = consumers.find((span) => span.service === 'gateway' && span.attributes['messaging.consumer.group.name'] === 'gateway-response-cache');
    expect(purger).toMatchObject({
      name: `process ${eventStream}`,
      parentSpanId: send!.spanId,
      links: [{ traceId: client.traceId, spanId: send!.spanId }],
      attributes: {
        'messaging.system': 'redis',
        'messaging.destination.name': eventStream,
        'messaging.consumer.group.name': 'gateway-response-cache',
        'messaging.message.id': send!.attributes['messaging.message.id'],
        'threadly.event.type': 'product.created',
        'threadly.event.outcome': 'handled',
      },
    });
    const indexer = consumers.find((span) => span.attributes['messaging.consumer.group.name'] === 'catalog-search');
    expect(indexer).toMatchObject({ service: 'catalog', parentSpanId: send!.spanId, attributes: { 'threadly.event.outcome': 'handled' } });
    // The indexer's SQL (Prisma's spans) sits under its CONSUMER span.
    expect(descendantsOf(spans, indexer!).some((span) => span.name === 'prisma:client:db_query'), "the indexer's SQL under its span").toBe(true);
    expect(productId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
