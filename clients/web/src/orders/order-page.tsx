import { useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { documentText } from '../api/graphql-request.ts';
import { useLiveUpdates } from '../api/use-live-updates.ts';
import { useQuery, useRequest } from '../api/use-query.ts';
import {
  CancelOrderDocument,
  OrderDocument,
  OrderUpdatedDocument,
  type OrderDetailFragment,
  type OrderStatus,
  type OrderUpdatedSubscription,
} from '../gql/graphql.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { formatDateTime, formatMoney, ORDER_STATUS_LABELS } from '../ui/format.ts';
import { ListingImage } from '../ui/listing-image.tsx';
import { LiveBadge } from '../ui/live-badge.tsx';
import { EmptyState, ErrorState, InlineError, LoadingState } from '../ui/states.tsx';
import { nameOrUnavailable } from '../ui/unavailable.ts';

const PROGRESS: readonly OrderStatus[] = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED'];

const STATUS_EXPLAINED: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'We are waiting for the payment to be confirmed. The items are reserved for you meanwhile.',
  PAID: 'Payment received. The seller has been asked to ship your items.',
  SHIPPED: 'On its way. The tracking details are in the timeline below.',
  DELIVERED: 'Delivered. Enjoy your new find!',
  CANCELLED: 'This order was cancelled; nothing was charged, or the charge was voided.',
  REFUNDED: 'This order was refunded to your card.',
};

function StatusSteps({ status }: { status: OrderStatus }) {
  if (!PROGRESS.includes(status)) return null;
  const reached = PROGRESS.indexOf(status);
  return (
    <ol className="status-steps">
      {PROGRESS.map((step, index) => (
        <li key={step} className={index < reached ? 'done' : index === reached ? 'current' : ''}>
          {ORDER_STATUS_LABELS[step]}
        </li>
      ))}
    </ol>
  );
}

export function StatusPill({ status }: { status: OrderStatus }) {
  return (
    <span className={`status-pill status-${status.toLowerCase()}`} data-testid="order-status">
      {ORDER_STATUS_LABELS[status]}
    </span>
  );
}

function OrderSummary({ order }: { order: OrderDetailFragment }) {
  const address = order.shippingAddress;
  return (
    <aside className="panel order-summary">
      <h2>Summary</h2>
      <dl className="totals">
        <div><dt>Items</dt><dd>{formatMoney(order.subtotal)}</dd></div>
        <div><dt>Shipping</dt><dd>{formatMoney(order.shipping)}</dd></div>
        <div className="grand-total"><dt>Total</dt><dd>{formatMoney(order.total)}</dd></div>
      </dl>
      <h3>Ships to</h3>
      <address>
        {[address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country].filter(Boolean).map((line) => (
          <span key={line}>{line}</span>
        ))}
      </address>
    </aside>
  );
}

/** One order, its status kept current live: after payment it turns from “Awaiting payment” to “Paid” by itself. */
export function OrderPage({ id }: { id: string }) {
  const { userId } = useSession();
  const request = useRequest();
  const order = useQuery(OrderDocument, { id });
  const [cancelError, setCancelError] = useState<unknown>(null);
  const status = useLiveUpdates<OrderUpdatedSubscription>({
    query: documentText(OrderUpdatedDocument),
    variables: { orderId: id },
    // Each event is the whole order, as the Order query would read it now.
    onEvent: ({ orderUpdated }) => order.update(() => ({ order: orderUpdated })),
    poll: order.refetch,
    skip: !order.data,
  });

  if (order.error && !order.data) {
    if (isApiError(order.error) && order.error.code === 'NOT_FOUND') {
      return <EmptyState title="Order not found"><p><Link to="/orders">See your orders</Link></p></EmptyState>;
    }
    return <ErrorState error={order.error} retry={order.refetch} />;
  }
  if (!order.data) return <LoadingState label="Loading order…" />;
  const detail = order.data.order;
  const canCancel = detail.buyerRef?.id === userId && (detail.status === 'PENDING_PAYMENT' || detail.status === 'PAID');
  const cancel = async () => {
    setCancelError(null);
    try {
      const { cancelOrder } = await request(CancelOrderDocument, { orderId: id });
      order.update(() => ({ order: cancelOrder }));
    } catch (caught) {
      setCancelError(caught);
    }
  };

  return (
    <div className="order-page">
      <div className="order-heading">
        <div>
          <p className="muted"><Link to="/orders">Orders</Link> / {detail.number}</p>
          <h1>Order {detail.number}</h1>
          <p className="muted">Placed {formatDateTime(detail.createdAt)} · sold by {nameOrUnavailable(detail.seller, 'Seller')}</p>
        </div>
        <div className="order-heading-status">
          <StatusPill status={detail.status} />
          <LiveBadge status={status} />
        </div>
      </div>
      <div className="order-layout">
        <div>
          <section className="panel">
            <StatusSteps status={detail.status} />
            <p className="status-explained">{STATUS_EXPLAINED[detail.status]}</p>
            <ul className="order-items">
              {detail.items.map((item) => (
                <li key={item.id}>
                  <ListingImage image={item.product?.images[0]} title={item.title} className="thumb" />
                  {item.product ? <Link to={`/listings/${item.product.id}`}>{item.title}</Link> : <span>{item.title}</span>}
                  <span>{formatMoney(item.price)}</span>
                </li>
              ))}
            </ul>
            {canCancel && (
              <button type="button" className="button ghost small" onClick={() => void cancel()}>
                Cancel order
              </button>
            )}
            <InlineError error={cancelError} />
          </section>
          <section className="panel">
            <h2>Timeline</h2>
            <ol className="timeline" data-testid="order-timeline">
              {[...detail.timeline].reverse().map((change) => (
                <li key={`${change.status}-${change.at}`}>
                  <strong>{ORDER_STATUS_LABELS[change.status]}</strong>
                  <span className="muted">
                    {formatDateTime(change.at)}
                    {change.actor ? ` · ${change.actor.displayName}` : ''}
                  </span>
                  {change.note && <p>{change.note}</p>}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <OrderSummary order={detail} />
      </div>
    </div>
  );
}
