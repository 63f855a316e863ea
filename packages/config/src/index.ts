export { parseEnv, ConfigError } from './parse-env.ts';
export {
  booleanString,
  commonEnvShape,
  databaseEnvShape,
  DEVELOPMENT_IDENTITY_SECRET,
  identityHeaderEnvShape,
  port,
  type CommonEnv,
} from './common-env.ts';
