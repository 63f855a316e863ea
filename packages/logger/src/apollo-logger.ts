import type { Logger } from 'pino';

/** Apollo's `Logger` interface (`@apollo/utils.logger`), which ApolloServer and ApolloGateway take as `logger`. */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/**
 * Apollo Server's and Apollo Gateway's own messages (plugin warnings such as a failed response-cache purge, schema
 * and shutdown notices) as JSON lines of `logger`, marked `source: "apollo"`: without it they go to the console as
 * plain text that no log pipeline parses. Apollo passes one message, a string or an Error.
 */
export function apolloLogger(logger: Logger): ApolloLogger {
  const child = logger.child({ source: 'apollo' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => {
    if (message instanceof Error) child[level]({ err: message }, message.message);
    else child[level](typeof message === 'string' ? message : String(message));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
