import { cacheControlDirective } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import './scalars.ts';
import './root.ts';
import './money.ts';
import './user-ref.ts';
import './product.ts';
import './cart-item.ts';
import './cart.ts';
import './order-status.ts';
import './order-item.ts';
import './order-status-change.ts';
import './shipping-address.ts';
import './order.ts';
import './order-actions.ts';
import './order-subscriptions.ts';
import './checkout.ts';
import './user.ts';

/** The commerce subgraph's schema with federation's `_service` and `_entities`. */
export const commerceSchema = builder.toSubGraphSchema({ directives: [cacheControlDirective], linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
