export { generateDemoData, DEFAULT_DEMO_SEED } from './generate-demo-data.ts';
export { demoId } from './demo-id.ts';
export { DEMO_ACCOUNTS, type DemoAccountName } from './users.ts';
export { DEMO_NOW } from './time.ts';
export type {
  DemoCart, DemoCartItem, DemoCategory, DemoConversation, DemoConversationParticipant, DemoData, DemoDataOptions,
  DemoFavorite, DemoMessage, DemoOrder, DemoOrderItem, DemoOrderStatusChange, DemoProduct, DemoProductImage, DemoUser,
  OrderStatus, ProductCondition, ProductStatus, Role,
} from './types.ts';
