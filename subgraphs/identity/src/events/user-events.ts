import { userDeleted, userUpdated, type DomainEvent } from '@threadly/event-contracts';

/** The profile fields other subgraphs may keep copies of; a change to any of them is a `user.updated`. */
const PROFILE_FIELDS = ['email', 'displayName', 'firstName', 'lastName', 'imageUrl', 'bio', 'location'] as const;

type Profile = { [Field in (typeof PROFILE_FIELDS)[number]]?: string | null };

/** `user.updated` naming the fields that differ between `before` and `after`, or none when nothing changed. */
export function userUpdatedEvents(userId: string, before: Profile, after: Profile): DomainEvent[] {
  const changedFields = PROFILE_FIELDS.filter((field) => (before[field] ?? null) !== (after[field] ?? null));
  return changedFields.length > 0 ? [userUpdated.create(userId, { userId, changedFields })] : [];
}

/** `user.deleted`: catalog takes the user's listings out of the shop. */
export const userDeletedEvent = (userId: string): DomainEvent => userDeleted.create(userId, { userId });
