import { DEMO_ACCOUNTS, generateDemoData, type DemoAccountName } from '@threadly/demo-data';
import { findDemoUser } from '../../src/auth/development-users.ts';
import { signDevelopmentSessionToken } from '../../src/auth/dev-token.ts';

/**
 * Real ids from the deterministic demo data the test database is seeded with, so hostile requests aim at things
 * that exist (a refusal must come from the request being wrong, not from an empty database).
 */
const data = generateDemoData();
const seller = DEMO_ACCOUNTS.seller.id;
const buyer = DEMO_ACCOUNTS.buyer.id;

const first = <T>(items: T[], what: string): T => {
  const [item] = items;
  if (item === undefined) throw new Error(`the demo data has no ${what}`);
  return item;
};

export const demoIds = {
  buyer,
  seller,
  admin: DEMO_ACCOUNTS.admin.id,
  activeProduct: first(data.products.filter((product) => product.status === 'ACTIVE' && product.sellerId === seller), 'active listing of the demo seller').id,
  sellersDraft: first(data.products.filter((product) => product.status === 'DRAFT' && product.sellerId === seller), 'draft of the demo seller').id,
  buyersOrder: first(data.orders.filter((order) => order.buyerId === buyer), 'order of the demo buyer').id,
  buyersConversation: first(data.conversations.filter((conversation) => conversation.buyerId === buyer), 'conversation of the demo buyer').id,
  categorySlug: first(data.categories, 'category').slug,
  categoryId: first(data.categories, 'category').id,
};

/** `Authorization: Bearer <development session token>` for a demo account, as a signed-in client sends it. */
export function signedInAs(account: DemoAccountName): Record<string, string> {
  const user = findDemoUser(account);
  if (!user) throw new Error(`no demo account ${account}`);
  return { authorization: `Bearer ${signDevelopmentSessionToken(user)}` };
}
