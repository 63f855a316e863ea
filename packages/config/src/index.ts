export { parseEnv, ConfigError, loadConfigOrExit } from './parse-env.ts';
export {
  booleanString,
  commonEnvShape,
  databaseEnvShape,
  eventBusEnvShape,
  DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET,
  DEVELOPMENT_IDENTITY_SECRET,
  DEVELOPMENT_STRIPE_SECRET_KEY,
  DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
  identityHeaderEnvShape,
  port,
  redisUrl,
  type CommonEnv,
} from './common-env.ts';
