import type { Prisma } from '../generated/prisma/client.ts';
import { changeProductStatus } from './product-status.ts';

/** What happens to a seller's listings when their account goes away. */
export class SellerModerationService {
  constructor(private readonly tx: Prisma.TransactionClient) {}

  /**
   * Archives the seller's DRAFT and ACTIVE listings, so nobody can find or buy them, announcing each change.
   * RESERVED and SOLD ones stay as they are: orders in flight and past orders still point at them. Running it
   * again archives nothing more.
   */
  async hideListingsOf(sellerId: string): Promise<{ archived: number }> {
    const moved = await changeProductStatus(this.tx, { sellerId, from: ['DRAFT', 'ACTIVE'], to: 'ARCHIVED' });
    return { archived: moved.length };
  }
}
