import { useState, type FormEvent } from 'react';
import type { CheckoutMutation } from '../gql/graphql.ts';
import { formatMoney } from '../ui/format.ts';
import { InlineError } from '../ui/states.tsx';
import { payInTestMode, type TestPaymentOutcome } from './test-payment.ts';

type Checkout = CheckoutMutation['checkout'];

/** Test cards as Stripe documents them: 4242… pays, 4000 0000 0000 0002 is declined. */
const DECLINED_CARD = '4000000000000002';

/**
 * The card step after checkout. In development the card is confirmed through the Stripe stand-in; a production
 * build would mount Stripe.js's Payment Element with `clientSecret` here instead.
 */
export function PaymentStep({ checkout, onPaid }: { checkout: Checkout; onPaid(): void }) {
  if (!import.meta.env.DEV) {
    return (
      <div className="panel payment-step">
        <h2>Payment</h2>
        <p>Card payments are taken by Stripe.js, which this build has no publishable key for yet. Your items stay reserved for a while.</p>
      </div>
    );
  }
  return <TestModePaymentForm checkout={checkout} onPaid={onPaid} />;
}

function TestModePaymentForm({ checkout, onPaid }: { checkout: Checkout; onPaid(): void }) {
  const [card, setCard] = useState('4242 4242 4242 4242');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const total = checkout.orders.reduce((sum, order) => sum + order.total.amount, 0);
  const currency = checkout.orders[0]?.total.currency ?? 'EUR';
  const pay = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const outcome: TestPaymentOutcome = card.replace(/\s/g, '') === DECLINED_CARD ? 'failed' : 'succeeded';
    try {
      await payInTestMode(checkout.paymentIntentId, outcome);
      if (outcome === 'failed') throw new Error('Your card was declined. Try another card.');
      onPaid();
    } catch (caught) {
      setError(caught);
      setPending(false);
    }
  };
  return (
    <form className="panel payment-step" onSubmit={(event) => void pay(event)}>
      <div className="panel-heading">
        <h2>Payment</h2>
        <span className="badge badge-test">Test mode</span>
      </div>
      <p className="muted">
        {checkout.orders.length === 1 ? `Order ${checkout.orders[0]?.number}` : `${checkout.orders.length} orders (one per seller)`} — reserved for you while you pay.
      </p>
      <label htmlFor="card-number">Card number</label>
      <input id="card-number" inputMode="numeric" autoComplete="cc-number" value={card} onChange={(event) => setCard(event.target.value)} />
      <div className="form-row">
        <div>
          <label htmlFor="card-expiry">Expiry</label>
          <input id="card-expiry" defaultValue="12 / 34" autoComplete="cc-exp" />
        </div>
        <div>
          <label htmlFor="card-cvc">CVC</label>
          <input id="card-cvc" defaultValue="123" autoComplete="cc-csc" />
        </div>
      </div>
      <p className="hint">Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined. No real money moves.</p>
      <button type="submit" className="button primary wide" disabled={pending}>
        {pending ? 'Paying…' : `Pay ${formatMoney({ amount: total, currency })}`}
      </button>
      <InlineError error={error} />
    </form>
  );
}
