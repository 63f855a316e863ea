import { verifyViewer, type Viewer } from '@threadly/identity-headers';

/** Close code of a connection whose viewer is missing or not vouched for (graphql-ws's `Forbidden`). */
export const VIEWER_REJECTED_CLOSE_CODE = 4403;

export type ConnectionVerdict = { accepted: true; viewer: Viewer } | { accepted: false; reason: string };

/**
 * The viewer of a WebSocket connection: `connectionParams.viewer`, the gateway's signed viewer (the value it sends
 * as `x-threadly-viewer` over HTTP). Checked once, when the connection opens: a subscription outlives the 60 s
 * signature, and the gateway closes the connection itself when the user's session ends. There is no anonymous
 * connection: every subscription is about the viewer's own data.
 */
export function verifyConnectionViewer(connectionParams: Readonly<Record<string, unknown>> | undefined, secret: string): ConnectionVerdict {
  const signed = connectionParams?.viewer;
  if (typeof signed !== 'string' || signed === '') return { accepted: false, reason: 'connectionParams.viewer (the signed viewer) is missing' };
  const verification = verifyViewer(signed, secret);
  if (verification.status !== 'valid') return { accepted: false, reason: `the viewer could not be verified: ${verification.status === 'invalid' ? verification.reason : 'missing'}` };
  return { accepted: true, viewer: verification.viewer };
}
