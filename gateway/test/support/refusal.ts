import type { GraphQLError } from 'graphql';

/** What a refused credential's GraphQLError says (message, code, HTTP status); null when the promise resolved. */
export const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: GraphQLError) => ({ message: error.message, code: error.extensions.code, status: (error.extensions.http as { status: number }).status }),
  );
