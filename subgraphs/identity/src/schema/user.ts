import { z } from 'zod';
import { unauthenticated } from '@threadly/errors';
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
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName', { description: 'Public name shown on listings and in conversations.' }),
    email: t.string({
      nullable: true,
      description: 'Only visible to the user themself and to admins.',
      resolve: (user, _args, ctx) =>
        ctx.viewer && (ctx.viewer.userId === user.id || ctx.viewer.role === 'ADMIN') ? user.email : null,
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
    resolve: (_root, _args, ctx) => (ctx.viewer ? ctx.users.findById(ctx.viewer.userId) : null),
  }),
  user: t.field({
    type: UserType,
    description: 'A user by id; NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.users.getById(String(id)),
  }),
}));

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish();

const UpdateProfileInput = builder.inputType('UpdateProfileInput', {
  description: 'Profile fields to change. Absent fields stay as they are; null clears an optional field.',
  fields: (t) => ({
    displayName: t.string({ validate: z.string().trim().min(2, 'must be at least 2 characters').max(50, 'must be at most 50 characters').nullish() }),
    firstName: t.string({ validate: optionalText(50) }),
    lastName: t.string({ validate: optionalText(50) }),
    bio: t.string({ validate: optionalText(500) }),
    location: t.string({ validate: optionalText(100) }),
    imageUrl: t.string({ validate: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(2048).nullish() }),
  }),
});

builder.mutationFields((t) => ({
  updateProfile: t.field({
    type: UserType,
    description: "Changes the signed-in user's own profile.",
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      if (!ctx.viewer) throw unauthenticated();
      return ctx.users.updateProfile(ctx.viewer.userId, input);
    },
  }),
}));
