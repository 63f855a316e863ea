import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit } from 'graphql';
import { domainError } from '@threadly/errors';
import type { GatewayContext } from '../gateway-context.ts';

// In Unicode mode a paired surrogate is one code point, so \p{Cs} matches only the unpaired halves. The NUL is the point.
// eslint-disable-next-line no-control-regex
const UNACCEPTABLE = /[\u0000\p{Cs}]/u;

function problemWith(text: string): string | null {
  const match = UNACCEPTABLE.exec(text);
  if (!match) return null;
  return match[0] === '\u0000'
    ? 'a NUL character (U+0000), which no text field accepts'
    : 'an unpaired UTF-16 surrogate (\\uD800–\\uDFFF without its other half), which is not Unicode text';
}

/** The first unacceptable string, key or value, anywhere in a variable: walked with a stack, since JSON can nest thousands deep. */
function problemIn(value: unknown): string | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      const problem = problemWith(item);
      if (problem) return problem;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        const problem = problemWith(key);
        if (problem) return problem;
        pending.push(inner);
      }
    }
  }
  return null;
}

const refuse = (message: string) => domainError('BAD_USER_INPUT', message, { http: { status: 400 } });

/**
 * Refuses text no subgraph can store or mean: a NUL (PostgreSQL's text types cannot hold one, so it would fail in
 * the database as a 500) or an unpaired surrogate (the database driver would silently store U+FFFD instead), in
 * variables or in the query's string literals (where GraphQL escapes such as \u0000 can produce them). One check at
 * the edge covers every argument of every subgraph, before anything is planned.
 */
export function textInputPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const problem = problemWith(name) ?? problemIn(value);
            if (problem) throw refuse(`Variable ${JSON.stringify(`$${name}`)} contains ${problem}.`);
          }
          let literalProblem: string | null = null;
          visit(document, {
            StringValue(node) {
              literalProblem = problemWith(node.value);
              return literalProblem ? BREAK : undefined;
            },
          });
          if (literalProblem) throw refuse(`A string in the query contains ${literalProblem}.`);
        },
      };
    },
  };
}
