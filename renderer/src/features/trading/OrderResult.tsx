/** What became of the order just placed, kept current: its status, the plain message, and its client order id. */
import type { OrderInfo } from '../../api/contract-types';
import { useTrading } from '../../stores/store-hooks';
import { orderStatusPresentation, orderTitle, ruleLabels } from './order-presentation';

const calloutTone: Readonly<Record<OrderInfo['status'], string>> = {
  filled: 'success',
  open: 'success',
  canceled: 'info',
  sending: 'info',
  unknown: 'warning',
  blocked: 'danger',
  rejected: 'danger',
  failed: 'danger',
};

export function OrderResult({ order: placed, duplicate }: { readonly order: OrderInfo; readonly duplicate: boolean }) {
  // The order lives on after placing (a fill, a cancel): show its current state, not the first answer.
  const order = useTrading((state) => state.orders.find((item) => item.id === placed.id)) ?? placed;
  return (
    <div className={`callout callout--${calloutTone[order.status]} order-result`} role="status" aria-label="Last order">
      <p className="callout__title">
        {order.paper ? 'Paper order ' : 'Order '}
        {orderStatusPresentation[order.status].label.toLowerCase().replace('…', '')}: {orderTitle(order)}
      </p>
      {order.blockedBy ? <p>Blocked by {ruleLabels[order.blockedBy].toLowerCase()}.</p> : null}
      <p>{duplicate ? 'This exact order was already placed; nothing new was sent. ' : ''}{order.message}</p>
      <p className="muted small">Client order id <span className="mono">{order.clientOrderId}</span></p>
    </div>
  );
}
