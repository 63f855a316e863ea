import type { Order } from '../generated/prisma/client.ts';
import { initialCheckoutState, type CheckoutDependencies, type CheckoutState, type ShippingAddressInput } from './checkout-state.ts';
import { checkoutSteps } from './checkout-steps.ts';
import { runWorkflow, type WorkflowStep } from './workflow.ts';

export interface CheckoutResult {
  /** One per seller, PENDING_PAYMENT until Stripe reports the payment. */
  orders: Order[];
  /** For Stripe.js on the client to confirm the payment. */
  clientSecret: string;
  paymentIntentId: string;
}

/**
 * Turns the buyer's cart into orders and a PaymentIntent: load the cart → reserve the products at catalog →
 * create one order per seller → create the PaymentIntent → clear the cart. If a step fails, the earlier ones are
 * compensated (orders cancelled with CHECKOUT_FAILED, products released, PaymentIntent cancelled): never half-done.
 */
export class CheckoutService {
  private readonly steps: Array<WorkflowStep<CheckoutState>>;

  constructor(private readonly dependencies: CheckoutDependencies) {
    this.steps = checkoutSteps(dependencies);
  }

  async checkout(buyerId: string, address: ShippingAddressInput): Promise<CheckoutResult> {
    const state = await runWorkflow('checkout', this.steps, initialCheckoutState(buyerId, address), this.dependencies.logger);
    return { orders: state.orders, clientSecret: state.paymentIntent!.clientSecret, paymentIntentId: state.paymentIntent!.id };
  }
}
