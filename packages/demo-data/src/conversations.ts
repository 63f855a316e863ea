import type { CategoryLeaf } from './categories.ts';
import { demoId } from './demo-id.ts';
import { CONVERSATION_SCRIPTS, type Speaker } from './phrases.ts';
import { listingWindow } from './products.ts';
import type { Random } from './random.ts';
import { HOUR, MINUTE, addTime, earliest, latest } from './time.ts';
import type { DemoConversation, DemoConversationParticipant, DemoMessage, DemoProduct, DemoUser } from './types.ts';
import { DEMO_ACCOUNTS, cityOf } from './users.ts';
import type { GarmentKind } from './vocabulary.ts';

interface ConversationPlan {
  buyer?: DemoUser;
  seller?: DemoUser;
  /** Leave the last message unread by this side, so the demo accounts open on an unread badge. */
  unreadBy?: Speaker;
}

export interface GeneratedConversations {
  conversations: DemoConversation[];
  conversationParticipants: DemoConversationParticipant[];
  messages: DemoMessage[];
}

/** "€25" or "€12.50", as people type prices in chats. */
function euros(cents: number): string {
  return cents % 100 === 0 ? `€${cents / 100}` : `€${(cents / 100).toFixed(2)}`;
}

/** What a seller answers when asked for measurements, believable for the kind of garment. */
function measurementsOf(random: Random, kind: GarmentKind): string {
  switch (kind) {
    case 'jeans':
    case 'trousers':
      return `${random.int(35, 46)} cm across the waist and ${random.int(72, 86)} cm inseam, measured flat`;
    case 'shoes':
    case 'kids-shoes':
      return `the insole is ${kind === 'shoes' ? random.int(23, 29) : random.int(13, 22)}.${random.int(0, 9)} cm long`;
    case 'bag':
    case 'accessory':
      return `it’s about ${random.int(20, 45)} × ${random.int(15, 35)} cm`;
    case 'kids-clothing':
    case 'baby':
      return `${random.int(24, 42)} cm pit to pit and ${random.int(30, 55)} cm long, measured flat`;
    default:
      return `${random.int(44, 62)} cm pit to pit and ${random.int(58, 110)} cm long, measured flat`;
  }
}

/**
 * When each of `count` messages was sent, strictly increasing and all before `to` (the listing went off the market or
 * now). Replies come within minutes to a day, squeezed proportionally when the listing sold soon after.
 */
function messageTimes(random: Random, count: number, from: Date, to: Date): Date[] {
  const gaps = Array.from({ length: count - 1 }, () => 1000 * (random.chance(0.6) ? random.int(120, 5400) : random.int(7200, 72_000)));
  const room = to.getTime() - from.getTime() - MINUTE;
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const scale = total > room ? room / total : 1;
  // Whole seconds, at least one apart; the minute kept in reserve absorbs the rounding.
  const scaledGaps = gaps.map((gap) => Math.max(1000, Math.floor((gap * scale) / 1000) * 1000));
  const start = random.dateBetween(from, addTime(to, -Math.ceil((total * scale) / 1000) * 1000 - MINUTE));
  const times = [start];
  for (const gap of scaledGaps) times.push(addTime(times.at(-1) ?? start, gap));
  return times;
}

/** The demo accounts get chats in both roles, including one with each other; everything else is random. */
function planConversations(count: number, demoBuyer: DemoUser, demoSeller: DemoUser): ConversationPlan[] {
  const fixed: ConversationPlan[] = [
    { buyer: demoBuyer, seller: demoSeller, unreadBy: 'buyer' },
    { buyer: demoBuyer },
    { buyer: demoBuyer, unreadBy: 'buyer' },
    { buyer: demoBuyer },
    { seller: demoSeller, unreadBy: 'seller' },
    { seller: demoSeller },
    { seller: demoSeller },
  ];
  return [...fixed, ...Array.from({ length: Math.max(0, count - fixed.length) }, () => ({}))];
}

/**
 * About `count` chats between a buyer and the seller of a listing, 3–10 messages each, all while the listing was
 * online. Readers read each message before the next one arrives; only the latest messages can still be unread.
 */
export function generateConversations(
  random: Random,
  { count, users, products, leaves }: {
    count: number; users: readonly DemoUser[]; products: readonly DemoProduct[]; leaves: readonly CategoryLeaf[];
  },
): GeneratedConversations {
  const userById = new Map(users.map((user) => [user.id, user]));
  const kindByCategoryId = new Map(leaves.map((leaf) => [leaf.category.id, leaf.kind]));
  const demoBuyer = userById.get(DEMO_ACCOUNTS.buyer.id);
  const demoSeller = userById.get(DEMO_ACCOUNTS.seller.id);
  if (!demoBuyer || !demoSeller) throw new Error('The demo buyer and seller accounts are missing');
  const discussable = products.filter((product) => product.publishedAt !== null && product.status !== 'ARCHIVED');
  const shoppers = users.filter((user) => user.role !== 'ADMIN').map((user) => [user, user.role === 'BUYER' ? 3 : 1] as const);
  const taken = new Set<string>();
  const result: GeneratedConversations = { conversations: [], conversationParticipants: [], messages: [] };

  const startConversation = (plan: ConversationPlan): boolean => {
    const candidates = discussable.filter((product) =>
      (!plan.seller || product.sellerId === plan.seller.id) && product.sellerId !== plan.buyer?.id);
    if (candidates.length === 0) return false;
    const product = random.pick(candidates);
    const seller = userById.get(product.sellerId);
    const otherShoppers = shoppers.filter(([user]) => user !== seller);
    const buyer = plan.buyer ?? (otherShoppers.length > 0 ? random.weighted(otherShoppers) : undefined);
    const window = listingWindow(product);
    if (!seller || !buyer || !window || taken.has(`${product.id}:${buyer.id}`)) return false;
    const from = latest(window.from, buyer.createdAt);
    // Leave room for a chat that spans at least an hour.
    if (window.to.getTime() - from.getTime() < HOUR) return false;

    const sameCity = cityOf(buyer).name === cityOf(seller).name;
    const script = random.pick(CONVERSATION_SCRIPTS.filter((candidate) => !candidate.sameCityOnly || sameCity));
    const lengths = Array.from({ length: Math.min(10, script.lines.length) - 2 }, (_, offset) => offset + 3)
      .filter((length) => !plan.unreadBy || script.lines[length - 1]?.[0] !== plan.unreadBy);
    if (lengths.length === 0) return false;
    const lines = script.lines.slice(0, random.pick(lengths));
    taken.add(`${product.id}:${buyer.id}`);

    const times = messageTimes(random, lines.length, from, window.to);
    const start = times[0] ?? from;

    const price = product.priceAmount;
    const offer = Math.max(100, Math.round((price * 0.7) / 100) * 100);
    const values: Record<string, string> = {
      item: product.title.split(', ')[0] ?? product.title,
      price: euros(price),
      offer: euros(offer),
      counter: euros(Math.max(offer + 50, Math.round((price * 0.85) / 50) * 50)),
      measurements: measurementsOf(random, kindByCategoryId.get(product.categoryId) ?? 'top'),
      buyerCity: cityOf(buyer).name,
      sellerCity: cityOf(seller).name,
    };

    // From the first unread message on, the recipient has not opened the chat: always a run of the last sender's.
    const lastSender = lines.at(-1)?.[0];
    let runStart = lines.length - 1;
    while (runStart > 0 && lines[runStart - 1]?.[0] === lastSender) runStart -= 1;
    const leaveUnread = plan.unreadBy !== undefined || random.chance(0.3);
    const firstUnread = leaveUnread ? random.int(runStart, lines.length - 1) : lines.length;

    const index = result.conversations.length;
    const conversationId = demoId('conversation', index);
    const messages = lines.map(([speaker, template], position): DemoMessage => {
      const createdAt = times[position] ?? start;
      // Read within minutes to a couple of hours, and before the next message arrives.
      const readBy = earliest(times[position + 1] ?? window.to, addTime(createdAt, random.int(1, 120) * MINUTE));
      return {
        id: demoId('message', `${index}:${position}`),
        conversationId,
        senderId: speaker === 'buyer' ? buyer.id : seller.id,
        body: template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder),
        createdAt,
        readAt: position >= firstUnread ? null : random.dateBetween(createdAt, readBy),
      };
    });
    const lastMessageAt = times.at(-1) ?? start;
    result.messages.push(...messages);
    result.conversations.push({
      id: conversationId,
      productId: product.id,
      buyerId: buyer.id,
      sellerId: seller.id,
      lastMessageAt,
      createdAt: start,
      updatedAt: lastMessageAt,
    });
    for (const participant of [buyer, seller]) {
      // Writing a message means having seen the chat up to then, so own messages count as read too.
      const seenAt = messages
        .map((message) => (message.senderId === participant.id ? message.createdAt : message.readAt))
        .filter((date): date is Date => date !== null);
      result.conversationParticipants.push({
        conversationId,
        userId: participant.id,
        lastReadAt: seenAt.length > 0 ? latest(...seenAt) : null,
        updatedAt: lastMessageAt,
      });
    }
    return true;
  };

  for (const plan of planConversations(count, demoBuyer, demoSeller)) {
    for (let attempt = 0; attempt < 10 && !startConversation(plan); attempt += 1) {
      // Retry with another listing: this one was already discussed by the buyer, or sold too fast to chat about.
    }
  }
  return result;
}
