import type { Principal } from '../gateway-context.ts';

/** Who a connection counts against: the user, the partner, or the address of an anonymous client. */
export const principalKey = (principal: Principal) =>
  principal.kind === 'user' ? `user:${principal.viewer.userId}` : principal.kind === 'partner' ? `partner:${principal.partnerId}` : `ip:${principal.ip}`;

/**
 * Open connections per principal on this gateway process. Counted per replica, not across replicas: a user
 * spread over N gateways may hold N times the limit, which still bounds what one client can hold open.
 */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerPrincipal: number) {}

  /** Counts the connection in, or returns false when the principal already has the maximum open. */
  acquire(key: string): boolean {
    const current = this.open.get(key) ?? 0;
    if (current >= this.maxPerPrincipal) return false;
    this.open.set(key, current + 1);
    return true;
  }

  release(key: string): void {
    const current = this.open.get(key) ?? 0;
    if (current <= 1) this.open.delete(key);
    else this.open.set(key, current - 1);
  }
}
