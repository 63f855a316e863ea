export {
  commerceSettingsFromEnv,
  createCommerceSubgraph,
  type CommerceSettings,
  type CommerceSubgraphOptions,
} from './create-commerce-subgraph.ts';
export { commerceEnvShape, loadCommerceEnv } from './env.ts';
export { commerceSchema } from './schema/index.ts';
