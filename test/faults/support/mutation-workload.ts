import { createHash, randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { OUTBOX_SCHEMAS, type FaultTopology } from './fault-topology.ts';
import { waitFor } from './wait-for.ts';
import { postGraphQL, type GraphQLBody, type LoadAnswer, type LoadClient } from './recorded-load.ts';

const { buyer } = DEMO_ACCOUNTS;
// The operations the mobile client sends (clients/mobile/operations), trimmed to what the checks read.
const SEND_MESSAGE = 'mutation SendMessage($conversationId: ID!, $body: String!) { sendMessage(conversationId: $conversationId, body: $body) { id body createdAt } }';
const FAVORITE = 'mutation FavoriteProduct($productId: ID!) { favoriteProduct(productId: $productId) { id isFavorited favoritesCount } }';
const UNFAVORITE = 'mutation UnfavoriteProduct($productId: ID!) { unfavoriteProduct(productId: $productId) { id isFavorited favoritesCount } }';
const UPDATE_PROFILE = 'mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id bio } }';
const PRODUCT = 'query Product($id: ID!) { product(id: $id) { id title price { amount currency } seller { id displayName } } }';
const SEARCH = 'query Search($query: String) { searchProducts(query: $query, first: 5) { totalCount edges { node { id title } } } }';

export interface WorkloadCheck {
  /** Acknowledged mutations whose effect is not in the database, plus committed events never delivered. */
  dataLost: number;
  /** Effects present more than once (a message row twice, a favorite twice). */
  duplicated: number;
  /** Outbox rows still unpublished. */
  unpublished: number;
  details: string[];
}

/**
 * Four clients as the mobile app behaves: the buyer sending messages in a conversation, favoriting and
 * unfavoriting a listing, editing their bio, and browsing (a product over APQ, a cached search). Each mutation's
 * acknowledgement is recorded so the database can be checked against it afterwards.
 */
export async function createMutationWorkload(supergraph: FaultTopology) {
  const run = randomBytes(3).toString('hex');
  const { pool } = supergraph.database;
  const { rows: conversations } = await pool.query<{ id: string }>(`SELECT id FROM messaging."Conversation" WHERE "buyerId" = $1 ORDER BY id LIMIT 1`, [buyer.id]);
  const { rows: products } = await pool.query<{ id: string }>(
    `SELECT id FROM catalog."Product" WHERE "sellerId" <> $1 AND status = 'ACTIVE' AND id NOT IN (SELECT "productId" FROM catalog."Favorite" WHERE "userId" = $1) ORDER BY id LIMIT 1`,
    [buyer.id],
  );
  const conversationId = conversations[0]!.id;
  const productId = products[0]!.id;
  const startedAt = new Date();
  const messages = { sent: [] as string[], acknowledged: new Map<string, string>() };
  const favorite = { lastSent: -1, lastAcknowledged: -1 };
  const profile = { lastSent: -1, lastAcknowledged: -1 };
  const productHash = createHash('sha256').update(PRODUCT).digest('hex');
  const acknowledged = (body: GraphQLBody, field: string) => !body.errors?.length && body.data?.[field];

  const step = async (worker: number, round: number): Promise<LoadAnswer> => {
    switch (worker % 4) {
      case 0: {
        const text = `fault ${run} message ${worker}-${round}`;
        messages.sent.push(text);
        const answer = await supergraph.graphql(SEND_MESSAGE, { conversationId, body: text }, buyer.id);
        if (!acknowledged(answer.body, 'sendMessage')) return answer;
        messages.acknowledged.set(text, answer.body.data.sendMessage.id);
        return { ...answer, acknowledgedId: answer.body.data.sendMessage.id as string };
      }
      case 1: {
        favorite.lastSent = round;
        const answer = await supergraph.graphql(round % 2 === 0 ? FAVORITE : UNFAVORITE, { productId }, buyer.id);
        if (acknowledged(answer.body, round % 2 === 0 ? 'favoriteProduct' : 'unfavoriteProduct')) favorite.lastAcknowledged = round;
        return answer;
      }
      case 2: {
        profile.lastSent = round;
        const answer = await supergraph.graphql(UPDATE_PROFILE, { input: { bio: `fault ${run} bio ${round}` } }, buyer.id);
        if (acknowledged(answer.body, 'updateProfile')) profile.lastAcknowledged = round;
        return answer;
      }
      default:
        return round % 2 === 0 ? persistedQuery(supergraph.gatewayUrl, PRODUCT, productHash, { id: productId }) : supergraph.graphql(SEARCH, {});
    }
  };

  /** Compares the database (and the audit consumer) with what the clients were told. */
  const check = async (): Promise<WorkloadCheck> => {
    const details: string[] = [];
    const { rows } = await pool.query<{ id: string; body: string }>(`SELECT id, body FROM messaging."Message" WHERE body LIKE $1`, [`fault ${run} %`]);
    const byBody = new Map<string, string[]>();
    for (const row of rows) byBody.set(row.body, [...(byBody.get(row.body) ?? []), row.id]);
    const missingMessages = [...messages.acknowledged].filter(([body, id]) => !byBody.get(body)?.includes(id));
    const duplicatedMessages = [...byBody.values()].filter((ids) => ids.length > 1).length;
    if (missingMessages.length) details.push(`${missingMessages.length} acknowledged messages missing`);
    if (duplicatedMessages) details.push(`${duplicatedMessages} messages stored twice`);

    const { rows: favorites } = await pool.query(`SELECT 1 FROM catalog."Favorite" WHERE "userId" = $1 AND "productId" = $2`, [buyer.id, productId]);
    // A request that failed after the last acknowledged one may or may not have committed: either state is right then.
    const favoriteExpected = favorite.lastAcknowledged % 2 === 0;
    const favoriteWrong = favorite.lastAcknowledged >= 0 && favorite.lastSent === favorite.lastAcknowledged && (favorites.length === 1) !== favoriteExpected;
    if (favoriteWrong) details.push(`favorite is ${favorites.length === 1 ? 'set' : 'unset'} after an acknowledged ${favoriteExpected ? 'favorite' : 'unfavorite'}`);

    const { rows: users } = await pool.query<{ bio: string | null }>(`SELECT bio FROM identity."User" WHERE id = $1`, [buyer.id]);
    const bioRound = Number(/bio (\d+)$/.exec(users[0]?.bio ?? '')?.[1] ?? -1);
    const profileWrong = profile.lastAcknowledged >= 0 && (bioRound < profile.lastAcknowledged || bioRound > profile.lastSent);
    if (profileWrong) details.push(`bio is round ${bioRound}; last acknowledged ${profile.lastAcknowledged}`);

    const { unpublished, undelivered } = await outboxAudit(supergraph, startedAt);
    const deadLettered = await supergraph.deadLetterCount();
    if (deadLettered) details.push(`${deadLettered} events in the dead-letter stream`);
    if (unpublished) details.push(`${unpublished} events still in an outbox`);
    if (undelivered) details.push(`${undelivered} published events never reached the audit consumer`);
    return {
      dataLost: missingMessages.length + Number(favoriteWrong) + Number(profileWrong) + unpublished + undelivered + deadLettered,
      duplicated: duplicatedMessages,
      unpublished,
      details,
    };
  };

  return {
    step,
    /** The four clients for `startRecordedLoad`, each pausing `pauseMs` between requests. */
    clients: (pauseMs: number): LoadClient[] =>
      [0, 1, 2, 3].map((worker) => ({ kind: worker === 3 ? 'query' : 'mutation', pauseMs, send: (round: number) => step(worker, round) })),
    check,
    /** Waits (bounded) until the outboxes are drained and every event reached the audit, then compares once more. */
    async settle(timeoutMs = 20_000) {
      const settled = await waitFor(async () => {
        const now = await check();
        return now.unpublished === 0 && now.dataLost === 0;
      }, timeoutMs, 200);
      return { settled, check: await check() };
    },
    conversationId,
    acknowledgedMessages: () => messages.acknowledged.size,
    /** Message bodies the clients were told were sent, in order (a subscriber should see these). */
    acknowledgedMessageIds: () => new Set(messages.acknowledged.values()),
    sendProbe: async (label: string) => {
      const answer = await supergraph.graphql(SEND_MESSAGE, { conversationId, body: `fault ${run} probe ${label}` }, buyer.id);
      return answer.body.data?.sendMessage?.id as string | undefined;
    },
  };
}

/** Outbox rows written since `since`: how many are unpublished, and how many published ones the audit never saw. */
export async function outboxAudit(supergraph: FaultTopology, since: Date) {
  let unpublished = 0;
  let undelivered = 0;
  for (const schema of OUTBOX_SCHEMAS) {
    const { rows } = await supergraph.database.pool.query<{ id: string; published: boolean }>(
      `SELECT id, "publishedAt" IS NOT NULL AS published FROM "${schema}"."OutboxEvent" WHERE "occurredAt" >= $1::timestamptz AT TIME ZONE 'UTC'`,
      [since.toISOString()],
    );
    unpublished += rows.filter((row) => !row.published).length;
    undelivered += rows.filter((row) => row.published && !supergraph.auditedEventIds.has(row.id)).length;
  }
  return { unpublished, undelivered };
}

/** An automatic persisted query as Apollo clients send it: hash and query together (registers it, and runs it). */
function persistedQuery(url: string, query: string, hash: string, variables: Record<string, unknown>) {
  return postGraphQL(url, { query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { 'apollo-require-preflight': 'true' });
}

/** One request of each kind before measuring, so the first phase is not the cold start (compilation, plans, pools). */
export async function warmUp(supergraph: FaultTopology) {
  const warm = await createMutationWorkload(supergraph);
  for (let worker = 0; worker < 4; worker += 1) await warm.step(worker, 0);
  await warm.step(3, 1);
}
