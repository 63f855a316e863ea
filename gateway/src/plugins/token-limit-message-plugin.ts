import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context.ts';

/** graphql-js's wording (16.x): "Syntax Error: Document contains more that 2000 tokens. Parsing aborted." */
const TOKEN_LIMIT_ERROR = /Document contains more tha[nt] \d+ tokens/;

/**
 * The token limit itself is graphql-js's `maxTokens` parse option (Apollo's `parseOptions`): the lexer stops at the
 * limit, so an oversized document costs one aborted parse. (graphql-armor's Apollo recipe re-parses the document
 * in `parsingDidStart` and throws, which Apollo Server 5 turns into a 500.) This plugin only rewords that parse
 * error like the other operation limits, before Apollo sends it as GRAPHQL_PARSE_FAILED with status 400.
 */
export function tokenLimitMessagePlugin(maxTokens: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            if (error && TOKEN_LIMIT_ERROR.test(error.message)) error.message = `Token limit of ${maxTokens} exceeded.`;
          };
        },
      };
    },
  };
}
