export { createIdentitySubgraph, type IdentitySubgraphOptions } from './create-identity-subgraph.ts';
export { identityEnvShape, loadIdentityEnv } from './env.ts';
export { identitySchema } from './schema/index.ts';
export { RESOLVE_USER_PATH } from './routes/resolve-user.route.ts';
export { CLERK_WEBHOOK_PATH } from './routes/clerk-webhook.route.ts';
