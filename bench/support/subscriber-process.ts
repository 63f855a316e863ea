// The subscribers, in their own process so their sockets and buffers do not count in the gateway's memory: N
// graphql-ws connections to one URL, each with one subscription. Talks to the bench over IPC:
//   → { ready: N }                 every subscription is open (the gateway has the upstream one too)
//   → { progress: n }              every 500 ms: events received so far
//   ← { stop: true }               the bench has published everything and deliveries have stopped
//   → { received, latencies, lastReceipt }  per-event latency (ms), publish → receipt, from the time the publisher
//                                  put in the body; when the last event arrived (ms since the epoch)
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
let lastReceipt = 0;
const clients: WsTestClient[] = [];
for (let index = 0; index < count; index += 1) {
  const client = connectWsTestClient(url, { authorization: `Bearer ${token}` });
  await client.ready;
  clients.push(client);
}
// Subscriptions open in batches, as clients arriving over some seconds would: 2,000 at once would also open 2,000
// upstream connections to messaging within one event-loop turn of a process that hosts the whole supergraph.
for (const [index, client] of clients.entries()) {
  const messages = client.messages;
  client.subscribe('1', query, variables);
  // Drop what the test client keeps and measure each event as it arrives.
  const push = messages.push.bind(messages);
  messages.push = (...items) => {
    for (const item of items) {
      const body = item.payload?.data?.messageAdded?.body as string | undefined;
      const sentAt = body ? Number(body.split(' ')[2]) : NaN;
      if (Number.isFinite(sentAt)) {
        lastReceipt = now();
        latencies.push(lastReceipt - sentAt);
      } else if (item.type !== 'next') push(item);
      else console.error(JSON.stringify(item));
    }
    return messages.length;
  };
  if (index % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 250));
}
process.send!({ ready: count });
// Progress, so the bench knows when deliveries have stopped coming.
setInterval(() => process.send!({ progress: latencies.length }), 500).unref();
process.on('message', (message: { stop?: boolean }) => {
  if (!message.stop) return;
  for (const client of clients) client.close();
  process.send!({ received: latencies.length, latencies, lastReceipt }, () => process.exit(0));
});
