import { unauthenticated } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';

/** The signed-in viewer, or UNAUTHENTICATED: every write in catalog needs one. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}
