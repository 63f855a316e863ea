import { loadStandInEnv, type StandInEnv } from './env.ts';
import { startStripeStandIn } from './start-stripe-stand-in.ts';

/** `npm start -w @threadly/stripe-stand-in`: the stand-in as a process, for development against the real SDK. */
function loadEnvOrExit(): StandInEnv {
  try {
    return loadStandInEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const env = loadEnvOrExit();
const webhook =
  env.STRIPE_STAND_IN_WEBHOOK_URL && env.STRIPE_STAND_IN_WEBHOOK_SECRET
    ? { url: env.STRIPE_STAND_IN_WEBHOOK_URL, secret: env.STRIPE_STAND_IN_WEBHOOK_SECRET }
    : undefined;
const standIn = await startStripeStandIn({ port: env.STRIPE_STAND_IN_PORT, host: env.STRIPE_STAND_IN_HOST, webhook });
console.log(
  `Stripe stand-in on ${standIn.url} (any sk_test_ key, e.g. ${standIn.apiKey}; test controls under /_test/)` +
    (webhook ? `, delivering webhooks to ${webhook.url}` : ''),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void standIn.stop().then(() => process.exit(0)));
