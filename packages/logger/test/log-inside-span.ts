// Run by trace-fields.test.ts as its own process: tracing from the environment (as an entry point starts it), then
// one log line outside any span and one inside a request's span, whose ids go to stderr for the test to compare.
import { loadTracingEnv, SpanKind, startTracing, threadlyTracer, tracingOptionsFromEnv } from '@threadly/tracing';
import { createLogger } from '../src/index.ts';

const tracing = await startTracing(tracingOptionsFromEnv(loadTracingEnv(), 'log-fixture'));
const logger = createLogger('log-fixture');
logger.info({ detail: 'kept' }, 'outside any span');
threadlyTracer().startActiveSpan('GET /graphql', { kind: SpanKind.SERVER }, (span) => {
  logger.info({ detail: 'kept' }, 'inside a request');
  process.stderr.write(`${JSON.stringify(span.spanContext())}\n`);
  span.end();
});
await tracing.shutdown();
