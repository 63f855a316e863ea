import { toPlainText } from '@threadly/user-text';
import { z } from 'zod';

/**
 * What identity keeps of a Clerk user. Absent and null mean "Clerk did not say" for the email (a placeholder is
 * used) and "none" for the other fields.
 */
export interface ClerkProfile {
  clerkId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
}

/** RFC 2606 reserves `.invalid`: these addresses can never receive mail or belong to anyone. */
const RESERVED_DOMAIN = 'users.clerk.invalid';
export const NEW_MEMBER_NAME = 'New member';
export const DELETED_MEMBER_NAME = 'Deleted member';

/** Stands in for the email until Clerk sends the real one (a session token rarely carries it). */
export const placeholderEmail = (clerkId: string) => `${clerkId}@${RESERVED_DOMAIN}`;
/** A deleted user's email: unique, and it says nothing about the person. */
export const deletedEmail = (userId: string) => `deleted-${userId}@${RESERVED_DOMAIN}`;

/** The name other members see: first and last name as Clerk has them, else "New member". */
export const displayNameOf = ({ firstName, lastName }: Pick<ClerkProfile, 'firstName' | 'lastName'>) =>
  [firstName, lastName].filter(Boolean).join(' ') || NEW_MEMBER_NAME;

/** Clerk ids are `user_` plus base62; anything else is refused, so the id is also safe inside an email address. */
export const clerkIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected a Clerk user id');

// Clerk is the source of these fields, so a value identity cannot use becomes null instead of failing the
// sign-in or the webhook (a failed webhook would be retried forever with the same value).
const nameField = z
  .string()
  .max(1_000)
  .transform((value) => toPlainText(value).slice(0, 100) || null)
  .nullish()
  .catch(null)
  .transform((value) => value ?? null);
const imageUrlField = z
  .url({ protocol: /^https?$/ })
  .max(2_048)
  .nullish()
  .catch(null)
  .transform((value) => value ?? null);
const emailField = z
  .email()
  .max(320)
  .transform((value) => value.toLowerCase())
  .nullish()
  .catch(null)
  .transform((value) => value ?? null);

/** Body of `POST /internal/users/resolve`: the verified session token's claims, as the gateway read them. */
export const signInClaimsSchema = z
  .object({ clerkId: clerkIdSchema, email: emailField, firstName: nameField, lastName: nameField, imageUrl: imageUrlField })
  .transform((claims): ClerkProfile => claims);

/** The parts of Clerk's `UserJSON` (webhook `data` of user.created / user.updated) that identity keeps. */
const clerkUserJsonSchema = z.object({
  id: clerkIdSchema,
  first_name: nameField,
  last_name: nameField,
  image_url: imageUrlField,
  primary_email_address_id: z.string().nullish(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).catch([]).default([]),
});

/** A Clerk user payload as a profile, or null when it has no usable id. */
export function profileFromClerkUser(data: unknown): ClerkProfile | null {
  const parsed = clerkUserJsonSchema.safeParse(data);
  if (!parsed.success) return null;
  const user = parsed.data;
  const primary = user.email_addresses.find((address) => address.id === user.primary_email_address_id);
  return {
    clerkId: user.id,
    email: emailField.parse(primary?.email_address),
    firstName: user.first_name,
    lastName: user.last_name,
    imageUrl: user.image_url,
  };
}

/** The Clerk id of a user.deleted payload (`DeletedObjectJSON`), or null when it has none. */
export const clerkIdOfDeletion = (data: unknown): string | null =>
  z.object({ id: clerkIdSchema }).safeParse(data).data?.id ?? null;
