/**
 * Choosing the exchange a key belongs to: a search box over every exchange ccxt supports, Binance and
 * Bybit first (the core sends them first; they get the full permission checks). Enter in the search
 * box picks the first match.
 */
import { useMemo, useState } from 'react';
import type { ExchangeInfo } from '../../api/contract-types';
import { fieldTitle } from '../../../../electron/shared/credential-field-labels';

const FEATURED = new Set(['binance', 'bybit']);

interface ExchangePickerProps {
  readonly exchanges: readonly ExchangeInfo[];
  readonly onPick: (exchange: ExchangeInfo) => void;
}

export function ExchangePicker({ exchanges, onPick }: ExchangePickerProps) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (needle === '') return exchanges;
    return exchanges.filter((exchange) => exchange.name.toLowerCase().includes(needle) || exchange.id.includes(needle));
  }, [exchanges, query]);

  return (
    <div className="exchange-picker">
      <label className="field__label" htmlFor="exchange-search">Exchange</label>
      <input
        id="exchange-search"
        className="input"
        type="search"
        placeholder="Search exchanges"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        value={query}
        aria-controls="exchange-options"
        aria-describedby="exchange-search-count"
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          const first = matches[0];
          if (event.key === 'Enter' && first) {
            event.preventDefault();
            onPick(first);
          }
        }}
      />
      <p className="field__hint" id="exchange-search-count" aria-live="polite">
        {matches.length === 0 ? `No exchange matches “${query.trim()}”.` : `${matches.length} exchange${matches.length === 1 ? '' : 's'}`}
      </p>
      <ul className="exchange-picker__list" id="exchange-options" aria-label="Exchanges">
        {matches.map((exchange) => (
          <li key={exchange.id}>
            <button type="button" className="exchange-option" onClick={() => onPick(exchange)}>
              <span className="exchange-option__name">{exchange.name}</span>
              {FEATURED.has(exchange.id) ? <span className="exchange-option__tag">permission checks</span> : null}
              <span className="exchange-option__fields">{exchange.fields.map(fieldTitle).join(', ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
