/**
 * What a screen shows where a part of Threadly is down: the gateway answers every other field and null for the
 * fields of the missing part (README "Failure handling"), so a person sees the page with a gap, not an error.
 */
export const nameOrUnavailable = (user: { displayName: string } | null | undefined, role: 'Seller' | 'Buyer' | 'Sender' | 'Member') =>
  user?.displayName ?? `${role} unavailable`;

export const LISTING_UNAVAILABLE = 'Listing details unavailable right now';
