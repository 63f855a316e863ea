import type { LiveStatus } from '../api/use-live-updates.ts';
import { POLL_FALLBACK_MS } from '../config.ts';

/** Tells the person whether what they see updates by itself, and how. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  if (status === 'live') return <span className="live-badge live" data-testid="live-status" title="Updates arrive as they happen">Live</span>;
  if (status === 'polling') {
    return <span className="live-badge polling" data-testid="live-status" title="Live updates are unavailable; this view refreshes itself">Refreshing every {POLL_FALLBACK_MS / 1000} s</span>;
  }
  return <span className="live-badge connecting" data-testid="live-status">Connecting…</span>;
}
