/** A last look before a real order on a live account goes out: what, where, and about how much. */
import { Send } from 'lucide-react';
import { Dialog } from '../../components/Dialog';
import type { OrderPreview, OrderSide, OrderType } from '../../api/contract-types';
import { formatAmount, formatUsd } from '../../format/numbers';

interface ConfirmOrderDialogProps {
  readonly preview: OrderPreview;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly accountLabel: string;
  readonly exchangeName: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

export function ConfirmOrderDialog({ preview, side, type, accountLabel, exchangeName, onConfirm, onClose }: ConfirmOrderDialogProps) {
  const verb = side === 'buy' ? 'Buy' : 'Sell';
  return (
    <Dialog title={`${verb} ${formatAmount(preview.amount)} ${preview.symbol} for real?`} onClose={onClose}>
      <div className="stack">
        <p>
          This sends a <strong>{type === 'market' ? 'market' : 'limit'} order</strong> to {exchangeName} now, on <strong>{accountLabel}</strong>, a live account with real money:
          {' '}{side === 'buy' ? 'buy' : 'sell'} {formatAmount(preview.amount)} {preview.symbol.split('/')[0]} {type === 'market' ? 'at the market price' : `at ${formatAmount(preview.price)}`}, worth about <strong>{formatUsd(preview.notionalUsd)}</strong>.
        </p>
        <p className="muted">{type === 'market' ? 'A market order fills at once and cannot be undone.' : 'You can cancel the order while it is open.'}</p>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} autoFocus>Cancel</button>
          <button type="button" className="button button--primary" onClick={onConfirm}><Send size={16} aria-hidden="true" />{`${verb} on ${exchangeName}`}</button>
        </div>
      </div>
    </Dialog>
  );
}
