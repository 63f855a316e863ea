import { GraphQLError } from 'graphql';
import { VIEWER_HEADER, verifyViewer, type Viewer } from '@threadly/identity-headers';
import type { SubgraphRequest } from './subgraph-definition.ts';

/**
 * The viewer the gateway vouched for, or null for anonymous. A header that is present but forged or expired is
 * rejected outright (401) rather than downgraded to anonymous, so a tampering caller learns nothing from data.
 */
export function readViewer(headers: Record<string, string | string[] | undefined>, secret: string): Viewer | null {
  const header = headers[VIEWER_HEADER];
  const verification = verifyViewer(Array.isArray(header) ? header[0] : header, secret);
  if (verification.status === 'valid') return verification.viewer;
  if (verification.status === 'anonymous') return null;
  throw new GraphQLError('The identity of this request could not be verified.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** The viewer of a request on any transport: as the transport verified it (WebSocket), else from the signed header. */
export const requestViewer = (request: SubgraphRequest, secret: string): Viewer | null =>
  request.viewer !== undefined ? request.viewer : readViewer(request.headers, secret);
