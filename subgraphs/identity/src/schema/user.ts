import { z } from 'zod';
import { userText } from '@threadly/user-text';
import { cacheHint, cacheTiers } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import type { User } from '../generated/prisma/client.ts';

export const UserRole = builder.enumType('UserRole', {
  description: 'What a user may do on Threadly.',
  values: {
    BUYER: { description: 'Buys items; every account can buy.' },
    SELLER: { description: 'Also lists items for sale.' },
    ADMIN: { description: 'Moderates listings, users and conversations.' },
  } as const,
});

export const UserType = builder.objectRef<User>('User').implement({
  description: 'A Threadly member: a buyer, a seller, or both.',
  directives: cacheHint(cacheTiers.entity),
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName', { description: 'Public name shown on listings and in conversations.' }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Only visible to the user themself and to admins.',
      directives: cacheHint(cacheTiers.viewer),
      authScopes: (user) => ({ self: user.id, admin: true }),
      // Null rather than an error for everyone else: a profile page asking for it should still render.
      unauthorizedResolver: () => null,
    }),
    firstName: t.exposeString('firstName', { nullable: true }),
    lastName: t.exposeString('lastName', { nullable: true }),
    imageUrl: t.exposeString('imageUrl', { nullable: true, description: 'Avatar URL.' }),
    bio: t.exposeString('bio', { nullable: true }),
    location: t.exposeString('location', { nullable: true, description: 'City or region, as the user wrote it.' }),
    role: t.expose('role', { type: UserRole }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the user joined.' }),
  }),
});

builder.asEntity(UserType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.users.findById(id),
});

builder.queryFields((t) => ({
  me: t.field({
    type: UserType,
    nullable: true,
    description: 'The signed-in user, or null when the request is anonymous.',
    directives: cacheHint(cacheTiers.viewerList),
    resolve: (_root, _args, ctx) => (ctx.viewer ? ctx.users.findById(ctx.viewer.userId) : null),
  }),
  user: t.field({
    type: UserType,
    description: 'A user by id; NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.users.getById(String(id)),
  }),
}));

/** Optional profile text others see, as plain text; blank (or nothing left once markup is removed) clears it. */
const optionalText = (max: number, multiline = false) =>
  userText({ min: 0, max, multiline })
    .transform((value) => value || null)
    .nullish();

const UpdateProfileInput = builder.inputType('UpdateProfileInput', {
  description: 'Profile fields to change. Absent fields stay as they are; null clears an optional field.',
  fields: (t) => ({
    displayName: t.string({ validate: userText({ min: 2, max: 50 }).nullish() }),
    firstName: t.string({ validate: optionalText(50) }),
    lastName: t.string({ validate: optionalText(50) }),
    bio: t.string({ validate: optionalText(500, true) }),
    location: t.string({ validate: optionalText(100) }),
    imageUrl: t.string({ validate: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(2048).nullish() }),
  }),
});

builder.mutationFields((t) => ({
  updateProfile: t.authField({
    type: UserType,
    description: "Changes the signed-in user's own profile.",
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    authScopes: { signedIn: true },
    resolve: (_root, { input }, ctx) => ctx.users.updateProfile(ctx.viewer.userId, input),
  }),
}));
