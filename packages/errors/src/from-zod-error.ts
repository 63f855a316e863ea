import type { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { badUserInput } from './graphql-errors.ts';

/** Turns the first zod issue into BAD_USER_INPUT naming the offending field (`input.title`). */
export function fromZodError(error: z.ZodError, argumentPrefix?: string): GraphQLError {
  const issue = error.issues[0];
  const path = [argumentPrefix, ...(issue?.path ?? [])].filter((part) => part !== undefined && part !== '').join('.');
  const message = issue ? `${path ? `${path}: ` : ''}${issue.message}` : 'Invalid input.';
  return badUserInput(message, path || undefined);
}
