/**
 * Choosing the exchange a key belongs to: every exchange ccxt supports, Binance and Bybit first (the
 * core sends them first; they get the full permission checks).
 */
import type { ExchangeInfo } from '../../api/contract-types';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';
import { ProviderPicker } from './ProviderPicker';

const FEATURED = new Set(['binance', 'bybit']);

interface ExchangePickerProps {
  readonly exchanges: readonly ExchangeInfo[];
  readonly onPick: (exchange: ExchangeInfo) => void;
}

export function ExchangePicker({ exchanges, onPick }: ExchangePickerProps) {
  return (
    <ProviderPicker
      options={exchanges}
      onPick={onPick}
      label="Exchange"
      listLabel="Exchanges"
      noun={['exchange', 'exchanges']}
      detail={(exchange) => exchange.fields.map(fieldTitle).join(', ')}
      tag={(exchange) => (FEATURED.has(exchange.id) ? 'permission checks' : null)}
    />
  );
}
