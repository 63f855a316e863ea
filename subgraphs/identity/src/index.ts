export { createIdentitySubgraph, type IdentitySubgraphOptions } from './create-identity-subgraph.ts';
export { identityEnvShape, loadIdentityEnv } from './env.ts';
export { identitySchema } from './schema/index.ts';
export { RESOLVE_USER_PATH } from './routes/resolve-user.route.ts';
export { RESOLVE_PARTNER_PATH } from './routes/resolve-partner.route.ts';
export { createIdentityPrisma, IDENTITY_DB_SCHEMA, type IdentityPrisma } from './database.ts';
export { PartnerKeyService, type NewPartnerKey, type PartnerKeySummary, type ResolvedPartner } from './services/partner-key.service.ts';
export { hashPartnerApiKey, PARTNER_KEY_PREFIX } from './services/partner-api-key.ts';
export { CLERK_WEBHOOK_PATH } from './routes/clerk-webhook.route.ts';
