import type { RunIdempotently } from './contracts.ts';

/** The part of a subgraph's Prisma transaction client that records handled events (its `ProcessedEvent` model). */
export interface ProcessedEventWriter {
  processedEvent: {
    createMany(args: { data: Array<{ consumer: string; eventId: string }>; skipDuplicates: boolean }): PromiseLike<{ count: number }>;
  };
}

/** A Prisma client, of any subgraph, that opens interactive transactions. */
export interface TransactionRunner<Tx> {
  $transaction<R>(work: (tx: Tx) => Promise<R>): PromiseLike<R>;
}

/**
 * Exactly once in effect, on a subgraph's own database: the processed-event row is inserted first, in the same
 * transaction as the handler's work. A second delivery inserts nothing (`ON CONFLICT DO NOTHING`) and skips the
 * work; two concurrent deliveries serialise on the row's primary key, and the loser sees the winner's commit.
 */
export function createPrismaRunIdempotently<Tx extends ProcessedEventWriter>(prisma: TransactionRunner<Tx>): RunIdempotently<Tx> {
  return (consumer, eventId, work) =>
    Promise.resolve(
      prisma.$transaction(async (tx) => {
        const { count } = await tx.processedEvent.createMany({ data: [{ consumer, eventId }], skipDuplicates: true });
        if (count === 0) return 'duplicate' as const;
        await work(tx);
        return 'handled' as const;
      }),
    );
}
