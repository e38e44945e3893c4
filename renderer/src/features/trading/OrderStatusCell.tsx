/** An order's status cell in an orders table: its badge, the rule that blocked it, and what happened, in words. */
import { Badge } from '../../components/Badge';
import type { OrderInfo } from '../../api/contract-types';
import { orderStatusPresentation, ruleLabels } from './order-presentation';

export function OrderStatusCell({ order }: { readonly order: Pick<OrderInfo, 'status' | 'blockedBy' | 'message'> }) {
  const status = orderStatusPresentation[order.status];
  return (
    <td className="orders-table__status">
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="order-message">
        {order.blockedBy ? <strong>{ruleLabels[order.blockedBy]}: </strong> : null}
        {order.message}
      </span>
    </td>
  );
}
