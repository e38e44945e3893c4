/**
 * Order history, newest first, with each order's live status: the core reports every change
 * (a fill on the exchange, a cancel from the CLI, an alert's order) and the row follows. Open orders
 * can be refreshed from the exchange and canceled.
 */
import { RefreshCw, X } from 'lucide-react';
import { OrderStatusCell } from './OrderStatusCell';
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import type { OrderInfo } from '../../api/contract-types';
import { formatDateTimeSeconds } from '../../format/dates';
import { formatAmount, formatUsd } from '../../format/numbers';
import { isOpenOrder, isRefreshable } from '../../stores/trading-store';
import { useAppStores, useTrading } from '../../stores/store-hooks';
import { orderStatusPresentation, orderTitle } from './order-presentation';

type Filter = 'all' | 'open';

const sourceLabels: Readonly<Record<OrderInfo['source'], string>> = { manual: 'You (app)', webhook: 'Webhook alert', cli: 'Command line' };

export function OrdersTable() {
  const { orders, loaded, error } = useTrading(useShallow((state) => ({ orders: state.orders, loaded: state.ordersLoaded, error: state.ordersError })));
  const { trading } = useAppStores();
  const [filter, setFilter] = useState<Filter>('all');
  const filterId = useId();
  const shown = filter === 'open' ? orders.filter(isOpenOrder) : orders;

  return (
    <>
      <div className="toolbar">
        <label className="toolbar__label" htmlFor={filterId}>Show</label>
        <select id={filterId} className="input select select--small" value={filter} onChange={(event) => setFilter(event.currentTarget.value as Filter)}>
          <option value="all">All orders</option>
          <option value="open">Open orders</option>
        </select>
        <span className="toolbar__count muted" aria-live="polite">{loaded ? `${shown.length} order${shown.length === 1 ? '' : 's'}` : 'Loading…'}</span>
        <button type="button" className="button button--secondary button--small" onClick={() => void trading.getState().loadOrders()}><RefreshCw size={14} aria-hidden="true" />Reload</button>
      </div>
      {error ? <div className="callout callout--danger" role="alert">{error.message}</div> : null}
      <div className="table-frame">
        <table className="data-table orders-table" aria-label="Orders">
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
            {shown.map((order) => <OrderRow key={order.id} order={order} />)}
          </tbody>
        </table>
        {loaded && shown.length === 0 && !error ? <p className="table-frame__empty muted">{filter === 'open' ? 'No open orders.' : 'No orders yet.'}</p> : null}
      </div>
    </>
  );
}

function OrderRow({ order }: { readonly order: OrderInfo }) {
  const action = useTrading((state) => state.orderActions[order.id]);
  const { trading, toasts } = useAppStores();
  const status = orderStatusPresentation[order.status];
  const title = orderTitle(order);

  async function cancel() {
    const result = await trading.getState().cancel(order.id);
    toasts.getState().show(result.ok ? 'success' : 'error', result.ok ? `Canceled: ${title}.` : result.error.message);
  }

  async function refresh() {
    const result = await trading.getState().refreshOrder(order.id);
    if (!result.ok) toasts.getState().show('error', result.error.message);
    else toasts.getState().show('info', `${title}: ${orderStatusPresentation[result.value.status].label.toLowerCase()} on the exchange.`);
  }

  return (
    <tr aria-label={`${title}, ${status.label}`}>
      <td className="orders-table__when muted">{formatDateTimeSeconds(order.createdAt)}</td>
      <td>
        <span className={order.side === 'buy' ? 'order-side order-side--buy' : 'order-side order-side--sell'}>{title}</span>
        <span className="order-meta">
          {order.type === 'market' ? 'Market' : 'Limit'} · {order.accountLabel} · {sourceLabels[order.source]}
          {order.paper ? <> · <Badge tone="neutral">Paper</Badge></> : null}
        </span>
      </td>
      <td className="data-table__number mono">{order.averagePrice !== null ? formatAmount(order.averagePrice) : order.price !== null ? formatAmount(order.price) : '—'}</td>
      <td className="data-table__number mono">{order.notionalUsd > 0 ? formatUsd(order.notionalUsd) : '—'}</td>
      <OrderStatusCell order={order} />
      <td className="data-table__actions orders-table__actions">
        {isRefreshable(order) ? (
          <button type="button" className="button button--secondary button--small" disabled={action !== undefined} aria-busy={action === 'refresh'} onClick={() => void refresh()} aria-label={`Refresh ${title}`}>
            <RefreshCw size={14} aria-hidden="true" />
            {action === 'refresh' ? 'Asking…' : 'Refresh'}
          </button>
        ) : null}
        {isOpenOrder(order) ? (
          <button type="button" className="button button--danger-quiet button--small" disabled={action !== undefined} aria-busy={action === 'cancel'} onClick={() => void cancel()} aria-label={`Cancel ${title}`}>
            <X size={14} aria-hidden="true" />
            {action === 'cancel' ? 'Canceling…' : 'Cancel'}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
