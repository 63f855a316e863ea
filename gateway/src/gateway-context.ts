import type { Viewer } from '@threadly/identity-headers';

/** Who a request comes from, as far as the gateway could establish it. */
export type Principal =
  | { kind: 'user'; viewer: Viewer }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'anonymous'; ip: string };

/** Per-request state the gateway's plugins and data sources share. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  /** The signed-in user, or null; what subgraphs receive in the signed viewer header. */
  viewer: Viewer | null;
}
