import type { GraphQLError } from 'graphql';
import { badUserInput } from './graphql-errors.ts';

interface StandardIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/**
 * `validationError` for Pothos' validation plugin: the first failing argument becomes BAD_USER_INPUT with
 * `extensions.field` set to its path (`input.title`), so a form can point at the field.
 */
export function validationErrorToGraphQL(result: { issues: ReadonlyArray<StandardIssue> }): GraphQLError {
  const issue = result.issues[0];
  const field = (issue?.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  return badUserInput(issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input.', field || undefined);
}
