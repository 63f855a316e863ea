import { Gauge, type Registry } from 'prom-client';

export interface WebSocketCounts {
  /** Open graphql-ws connections. */
  connections(): number;
  /** Live subscriptions over them. */
  subscriptions(): number;
}

/**
 * Open WebSocket connections and live subscriptions, read when Prometheus scrapes (nothing on the hot path). Under
 * node:cluster the gateway's primary sums them across workers, which is the cluster's total.
 */
export function registerWebSocketGauges(registry: Registry, prefix: string, counts: WebSocketCounts) {
  new Gauge({
    name: `${prefix}websocket_connections`,
    help: 'Open graphql-ws (WebSocket) connections.',
    registers: [registry],
    collect() {
      this.set(counts.connections());
    },
  });
  new Gauge({
    name: `${prefix}active_subscriptions`,
    help: 'Live GraphQL subscriptions over WebSocket connections.',
    registers: [registry],
    collect() {
      this.set(counts.subscriptions());
    },
  });
}
