export { createIdentitySubgraph, type IdentitySubgraphOptions } from './create-identity-subgraph.ts';
export { identityEnvShape, loadIdentityEnv } from './env.ts';
export { identitySchema } from './schema/index.ts';
