/** An order's status cell in an orders table: its badge, the rule that blocked it, and what happened, in words. */
import { CircleCheck, CircleDot, CircleHelp, CircleMinus, CircleX, Clock, OctagonX, ShieldAlert, type LucideIcon } from 'lucide-react';
import { Badge } from '../../components/Badge';
import type { OrderInfo, OrderStatus } from '../../api/contract-types';
import { orderStatusPresentation, ruleLabels } from './order-presentation';

/**
 * Beside the status word, as keys' states have theirs (StatusIcon): the same shapes for the same ideas
 * (a check for done, a shield for a rule that stopped it, a question mark for "not confirmed").
 * Decorative: the word carries the meaning.
 */
const statusIcons: Readonly<Record<OrderStatus, LucideIcon>> = {
  blocked: ShieldAlert,
  rejected: OctagonX,
  sending: Clock,
  open: CircleDot,
  filled: CircleCheck,
  canceled: CircleMinus,
  failed: CircleX,
  unknown: CircleHelp,
};

export function OrderStatusCell({ order }: { readonly order: Pick<OrderInfo, 'status' | 'blockedBy' | 'message'> }) {
  const status = orderStatusPresentation[order.status];
  const Icon = statusIcons[order.status];
  return (
    <td className="orders-table__status">
      <Badge tone={status.tone}><Icon size={12} aria-hidden="true" focusable="false" className="badge__icon" />{status.label}</Badge>
      <span className="order-message">
        {order.blockedBy ? <strong>{ruleLabels[order.blockedBy]}: </strong> : null}
        {order.message}
      </span>
    </td>
  );
}
