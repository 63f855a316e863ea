import type { Viewer } from '@threadly/identity-headers';

/** Per-request state the gateway's plugins and data sources share. */
export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
}
