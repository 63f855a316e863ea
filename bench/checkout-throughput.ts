// Checkout throughput: N buyers each checking out a different product, a fixed number at a time, through the
// gateway against PostgreSQL and the Stripe stand-in (real SDK, real wire format). Prints checkouts/s and latency.
// Usage: DATABASE_URL=postgres://… npx tsx bench/checkout-throughput.ts [checkouts=200] [concurrency=10]
import { signDevelopmentSessionToken } from '@threadly/gateway';
import { testEnv } from '@threadly/testing';
import { checkout, fillCart, newActiveListing, outcomeOf } from '../gateway/test/support/checkout-fixtures.ts';
import { startCheckoutSupergraph } from '../gateway/test/support/checkout-supergraph.ts';

const [checkouts = 200, concurrency = 10] = process.argv.slice(2).map(Number);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(`starting the supergraph and the Stripe stand-in on ${testEnv().DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}…`);
const supergraph = await startCheckoutSupergraph();
try {
  console.log(`preparing ${checkouts} listings and ${checkouts} buyers, each with one listing in the cart…`);
  const buyers: string[] = [];
  for (let i = 0; i < checkouts; i += 1) {
    const token = signDevelopmentSessionToken({ clerkId: `user_bench_${i}_${Date.now()}` });
    await fillCart(supergraph, { token }, [await newActiveListing(supergraph, 1_000 + i)]);
    buyers.push(token);
  }

  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < buyers.length) {
      const token = buyers[next++]!;
      const started = performance.now();
      const outcome = outcomeOf(await checkout(supergraph, { token }));
      latencies.push(performance.now() - started);
      if (outcome !== 'OK') failures.set(String(outcome), (failures.get(String(outcome)) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`\ncheckouts          ${checkouts} (concurrency ${concurrency}), failed: ${failures.size === 0 ? 0 : JSON.stringify(Object.fromEntries(failures))}`);
  console.log(`throughput         ${(checkouts / seconds).toFixed(1)} checkouts/s (${seconds.toFixed(2)} s)`);
  console.log(`latency p50 / p99  ${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms (max ${sorted.at(-1)!.toFixed(1)} ms)`);
  console.log(`PaymentIntents     ${supergraph.standIn.paymentIntents.list().length} created at the stand-in`);
} finally {
  await supergraph.close();
}
