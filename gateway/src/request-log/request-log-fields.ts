import type { Principal } from '../gateway-context.ts';

/**
 * Who a request's line names: the user id, the partner (`partner:<id>`, so a partner and a user never share a
 * value), or `anonymous` — never an address, a token or a key.
 */
export function principalLogId(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  switch (principal.kind) {
    case 'user':
      return principal.viewer.userId;
    case 'partner':
      return `partner:${principal.partnerId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Apollo's client-awareness headers; whatever a client puts there, only a short, plain value reaches a line. */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';
const CLIENT_FIELD = /^[\w .:@/+()-]{1,64}$/;

export interface ClientFields {
  clientName?: string;
  clientVersion?: string;
}

/** The client name and version a request declared, each only when well-formed (else left out, not cleaned up). */
export function clientFields(header: (name: string) => string | string[] | null | undefined): ClientFields {
  const name = header(CLIENT_NAME_HEADER);
  const version = header(CLIENT_VERSION_HEADER);
  return {
    clientName: typeof name === 'string' && CLIENT_FIELD.test(name) ? name : undefined,
    clientVersion: typeof version === 'string' && CLIENT_FIELD.test(version) ? version : undefined,
  };
}
