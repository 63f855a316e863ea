import { builder } from '../builder.ts';

/** Identity's user, referenced by id; commerce adds `orders` to it (see `user.ts`). */
export const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id')).implement({
  fields: (t) => ({
    id: t.exposeID('id'),
  }),
});
