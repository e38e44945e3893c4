/**
 * This account's orders (orders.list for the account), newest first, read again whenever an order
 * changes anywhere (the core's order events bump the trading store's revision). Each shows its
 * market and outcome in words; open ones can be canceled.
 */
import { X } from 'lucide-react';
import { OrderStatusCell } from '../trading/OrderStatusCell';
import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import type { ContractError, CredentialInfo } from '../../api/contract-types';
import { formatDateTimeSeconds } from '../../format/dates';
import { formatAmount, formatUsd } from '../../format/numbers';
import { isOpenOrder } from '../../stores/trading-store';
import { useAppStores, useTrading } from '../../stores/store-hooks';
import { orderStatusPresentation } from '../trading/order-presentation';
import { loadAccountOrders, type AccountOrder } from './polymarket-channels';
import { formatCents } from './polymarket-presentation';

export function orderName(order: AccountOrder): string {
  const what = order.marketLabel ?? order.symbol;
  return `${order.side === 'buy' ? 'Buy' : 'Sell'} ${what}`;
}

export function AccountOrders({ credential }: { readonly credential: CredentialInfo }) {
  const revision = useTrading((state) => state.revision);
  const [orders, setOrders] = useState<readonly AccountOrder[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [again, setAgain] = useState(0);

  useEffect(() => {
    let current = true;
    void loadAccountOrders(credential.id).then((result) => {
      if (!current) return;
      if (result.ok) {
        setOrders(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [credential.id, revision, again]);

  return (
    <div className="stack">
      {error ? <div className="callout callout--danger" role="alert">{error.message}</div> : null}
      <div className="table-frame">
        <table className="data-table orders-table" aria-label={`Orders of ${credential.label}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Order</th>
              <th scope="col" className="data-table__number">Price</th>
              <th scope="col" className="data-table__number">Value</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {(orders ?? []).map((order) => <OrderRow key={order.id} order={order} onChanged={() => setAgain((value) => value + 1)} />)}
          </tbody>
        </table>
        {orders === null && !error ? <p className="table-frame__empty muted">Loading…</p> : null}
        {orders !== null && orders.length === 0 ? <p className="table-frame__empty muted">No orders with this account yet.</p> : null}
      </div>
    </div>
  );
}

function OrderRow({ order, onChanged }: { readonly order: AccountOrder; readonly onChanged: () => void }) {
  const action = useTrading((state) => state.orderActions[order.id]);
  const { trading, toasts } = useAppStores();
  const status = orderStatusPresentation[order.status];
  const name = orderName(order);
  const shares = order.filledAmount > 0 && order.status !== 'open' ? order.filledAmount : order.amount;

  async function cancel() {
    const result = await trading.getState().cancel(order.id);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? `Canceled: ${name}.` : result.error.message);
    onChanged();
  }

  return (
    <tr aria-label={`${name}, ${status.label}`}>
      <td className="data-table__nowrap muted">{formatDateTimeSeconds(order.createdAt)}</td>
      <td>
        <span className={order.side === 'buy' ? 'order-side order-side--buy' : 'order-side order-side--sell'}>{name}</span>
        <span className="order-meta">
          {order.type === 'market' ? 'Market' : 'Limit'} · {formatAmount(shares)} shares
          {order.paper ? <> · <Badge tone="neutral">Paper</Badge></> : null}
        </span>
      </td>
      <td className="data-table__number mono">{formatCents(order.averagePrice ?? order.price)}</td>
      <td className="data-table__number mono">{order.notionalUsd > 0 ? formatUsd(order.notionalUsd) : '—'}</td>
      <OrderStatusCell order={order} />
      <td className="data-table__actions">
        {isOpenOrder(order) ? (
          <button type="button" className="button button--danger-quiet button--small" disabled={action !== undefined} aria-busy={action === 'cancel'} onClick={() => void cancel()} aria-label={`Cancel ${name}`}>
            <X size={14} aria-hidden="true" />{action === 'cancel' ? 'Canceling…' : 'Cancel'}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
