export { ErrorCode, type ErrorCodeName } from './error-code.ts';
export { badUserInput, forbidden, notFound, unauthenticated, conflict, domainError } from './graphql-errors.ts';
export { fromZodError } from './from-zod-error.ts';
export { createErrorFormatter } from './format-error.ts';
export { validationErrorToGraphQL } from './validation-error.ts';
export { isDatabaseUnavailable } from './database-unavailable.ts';
