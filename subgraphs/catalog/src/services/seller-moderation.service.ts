import type { CatalogPrisma } from '../database.ts';

/** What happens to a seller's listings when their account goes away. */
export class SellerModerationService {
  constructor(private readonly prisma: CatalogPrisma) {}

  /**
   * Archives the seller's DRAFT and ACTIVE listings, so nobody can find or buy them. RESERVED and SOLD ones stay
   * as they are: orders in flight and past orders still point at them. Running it again archives nothing more.
   */
  async hideListingsOf(sellerId: string): Promise<{ archived: number }> {
    const { count } = await this.prisma.product.updateMany({
      where: { sellerId, status: { in: ['DRAFT', 'ACTIVE'] } },
      data: { status: 'ARCHIVED' },
    });
    return { archived: count };
  }
}
