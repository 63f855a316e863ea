export { parseEnv, ConfigError, loadConfigOrExit } from './parse-env.ts';
export {
  booleanString,
  commonEnvShape,
  databaseEnvShape,
  DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET,
  DEVELOPMENT_IDENTITY_SECRET,
  identityHeaderEnvShape,
  port,
  type CommonEnv,
} from './common-env.ts';
