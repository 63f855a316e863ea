/**
 * Row shapes of the demo data. Each interface mirrors one Prisma model field for field (relations left out), so a
 * seed script can hand the rows straight to `createMany` of the subgraph that owns the table.
 */

/** identity `Role`. */
export type Role = 'BUYER' | 'SELLER' | 'ADMIN';

/** catalog `ProductStatus`. */
export type ProductStatus = 'DRAFT' | 'ACTIVE' | 'RESERVED' | 'SOLD' | 'ARCHIVED';

/** catalog `ProductCondition`. */
export type ProductCondition = 'NEW_WITH_TAGS' | 'NEW_WITHOUT_TAGS' | 'VERY_GOOD' | 'GOOD' | 'FAIR';

/** commerce `OrderStatus`. */
export type OrderStatus = 'PENDING_PAYMENT' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED';

/** identity `User`. */
export interface DemoUser {
  id: string;
  clerkId: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  imageUrl: string;
  bio: string | null;
  location: string;
  role: Role;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** catalog `Category`. */
export interface DemoCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  parentId: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** catalog `Product`. Money is in minor units (cents) of `currency`. */
export interface DemoProduct {
  id: string;
  sellerId: string;
  categoryId: string;
  title: string;
  description: string;
  priceAmount: number;
  currency: string;
  condition: ProductCondition;
  size: string | null;
  brand: string;
  color: string;
  status: ProductStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** catalog `ProductImage`. */
export interface DemoProductImage {
  id: string;
  productId: string;
  url: string;
  alt: string;
  position: number;
}

/** catalog `Favorite`. */
export interface DemoFavorite {
  userId: string;
  productId: string;
  createdAt: Date;
}

/** commerce `Cart`. */
export interface DemoCart {
  id: string;
  buyerId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** commerce `CartItem`. */
export interface DemoCartItem {
  id: string;
  cartId: string;
  productId: string;
  addedAt: Date;
}

/** commerce `Order`. */
export interface DemoOrder {
  id: string;
  number: number;
  buyerId: string;
  sellerId: string;
  status: OrderStatus;
  currency: string;
  subtotalAmount: number;
  shippingAmount: number;
  totalAmount: number;
  shippingName: string;
  shippingLine1: string;
  shippingLine2: string | null;
  shippingCity: string;
  shippingPostalCode: string;
  shippingCountry: string;
  createdAt: Date;
  updatedAt: Date;
}

/** commerce `OrderItem`. */
export interface DemoOrderItem {
  id: string;
  orderId: string;
  productId: string;
  title: string;
  priceAmount: number;
  currency: string;
}

/** commerce `OrderStatusChange`. */
export interface DemoOrderStatusChange {
  id: string;
  orderId: string;
  status: OrderStatus;
  note: string | null;
  actorId: string | null;
  createdAt: Date;
}

/** messaging `Conversation`. */
export interface DemoConversation {
  id: string;
  productId: string;
  buyerId: string;
  sellerId: string;
  lastMessageAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** messaging `ConversationParticipant`. */
export interface DemoConversationParticipant {
  conversationId: string;
  userId: string;
  lastReadAt: Date | null;
  updatedAt: Date;
}

/** messaging `Message`. */
export interface DemoMessage {
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface DemoDataOptions {
  /** Number of users including the three demo accounts; at least 3. Default 30. */
  users?: number;
  /** Number of products. Default 500. */
  products?: number;
  /** PRNG seed; the same seed always yields the same data. */
  seed?: number;
}

/** Every table of the four subgraphs, grouped by the subgraph that owns it. */
export interface DemoData {
  // identity
  users: DemoUser[];
  // catalog
  categories: DemoCategory[];
  products: DemoProduct[];
  productImages: DemoProductImage[];
  favorites: DemoFavorite[];
  // commerce
  carts: DemoCart[];
  cartItems: DemoCartItem[];
  orders: DemoOrder[];
  orderItems: DemoOrderItem[];
  orderStatusChanges: DemoOrderStatusChange[];
  // messaging
  conversations: DemoConversation[];
  conversationParticipants: DemoConversationParticipant[];
  messages: DemoMessage[];
}
