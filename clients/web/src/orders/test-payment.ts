// Development only: pays a checkout's PaymentIntent through the Vite dev server's /__dev/payments route, which
// confirms it at the Stripe stand-in as Stripe.js would after the customer entered a test card. The stand-in then
// sends Stripe's signed webhook to the gateway, and commerce marks the orders PAID.

export type TestPaymentOutcome = 'succeeded' | 'failed';

export async function payInTestMode(paymentIntentId: string, outcome: TestPaymentOutcome): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/__dev/payments/${encodeURIComponent(paymentIntentId)}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
  } catch {
    throw new Error('The payment could not be sent; check your connection.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The payment failed (${response.status}).`);
  }
}
