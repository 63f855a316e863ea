import type { IncomingMessage } from 'node:http';

/**
 * The client's address. With no proxy in front (`trustedProxyHops` 0) it is the socket's; behind N trusted
 * proxies it is the address the outermost of them saw, N entries from the right of X-Forwarded-For. Entries
 * further left are written by the client and cannot be trusted, so a spoofed header cannot pick its own bucket.
 */
export function createClientIpResolver(trustedProxyHops: number) {
  return (req: IncomingMessage): string => {
    const socketIp = req.socket.remoteAddress ?? 'unknown';
    return trustedProxyHops === 0 ? socketIp : forwardedClientIp(req.headers['x-forwarded-for'], trustedProxyHops, socketIp);
  };
}

/** The entry `trustedProxyHops` from the right of X-Forwarded-For (the leftmost when there are fewer), else `fallback`. */
export function forwardedClientIp(header: string | string[] | undefined, trustedProxyHops: number, fallback: string): string {
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxyHops] ?? hops[0] ?? fallback;
}
