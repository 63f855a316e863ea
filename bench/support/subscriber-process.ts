// The subscribers, in their own process so their sockets and buffers do not count in the gateway's memory: N
// graphql-ws connections to one URL, each with one subscription. Talks to the bench over IPC:
//   → { ready: N }                 every subscription is open (the gateway has the upstream one too)
//   ← { stop: true }               the bench has published everything
//   → { received, latencies }      per-event latency (ms), publish → receipt, from the time the publisher put in the body
import { connectWsTestClient, type WsTestClient } from '../../gateway/test/subscriptions-fixtures/graphql-ws-test-client.ts';

const { url, token, count, query, variables } = JSON.parse(process.argv[2]!) as {
  url: string;
  token: string;
  count: number;
  query: string;
  variables: Record<string, unknown>;
};
const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
const clients: WsTestClient[] = [];
for (let index = 0; index < count; index += 1) {
  const client = connectWsTestClient(url, { authorization: `Bearer ${token}` });
  await client.ready;
  clients.push(client);
}
await Promise.all(
  clients.map(async (client) => {
    const messages = client.messages;
    client.subscribe('1', query, variables);
    // Drop what the test client keeps and measure each event as it arrives.
    const push = messages.push.bind(messages);
    messages.push = (...items) => {
      for (const item of items) {
        const body = item.payload?.data?.messageAdded?.body as string | undefined;
        const sentAt = body ? Number(body.split(' ')[2]) : NaN;
        if (Number.isFinite(sentAt)) latencies.push(now() - sentAt);
        else if (item.type !== 'next') push(item);
        else console.error(JSON.stringify(item));
      }
      return messages.length;
    };
  }),
);
process.send!({ ready: count });
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  for (const client of clients) client.close();
  process.send!({ received: latencies.length, latencies }, () => process.exit(0));
});
