/**
 * The Accounts list: search, filters (exchange, live/testnet, state), sort, and one compact row per
 * key. Rows are virtualised (only the visible window is in the page), so 1,000 keys scroll as
 * smoothly as 10. The list is an ARIA listbox: arrows, Home and End move the selection, which opens
 * the key beside the list; each row's label is cut with an ellipsis only with its full text as a title.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { Search } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { CredentialInfo } from '../../api/contract-types';
import { Badge } from '../../components/Badge';
import { StatusIcon } from '../../components/StatusIcon';
import { keyStates, keyStateWords } from '../../../../electron/shared/key-vocabulary';
import { keyStatePresentation } from './credential-presentation';
import { ExchangeInitial } from './ExchangeInitial';
import { keySorts, keySortWords, type KeyListQuery } from './key-list-model';

const ROW_HEIGHT = 60;

interface KeyListPaneProps {
  readonly keys: readonly CredentialInfo[];
  readonly total: number;
  readonly exchanges: readonly { readonly id: string; readonly name: string }[];
  readonly query: KeyListQuery;
  readonly onQuery: (query: KeyListQuery) => void;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly exchangeName: (provider: string) => string;
}

export function KeyListPane({ keys, total, exchanges, query, onQuery, selectedId, onSelect, exchangeName }: KeyListPaneProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: keys.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const selectedIndex = keys.findIndex((key) => key.id === selectedId);

  // Keeps the chosen row in view when it changes by keyboard, search or sort.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  function move(event: KeyboardEvent<HTMLDivElement>) {
    if (keys.length === 0) return;
    const last = keys.length - 1;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const next = { ArrowDown: Math.min(last, selectedIndex + 1), ArrowUp: Math.max(0, selectedIndex - 1), Home: 0, End: last, PageDown: Math.min(last, selectedIndex + page), PageUp: Math.max(0, selectedIndex - page) }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const key = keys[next];
    if (key) onSelect(key.id);
  }

  const set = (change: Partial<KeyListQuery>) => onQuery({ ...query, ...change });
  return (
    <div className="key-list">
      <div className="key-list__tools" role="search" aria-label="Find keys">
        <label className="key-list__search">
          <Search size={16} aria-hidden="true" />
          <span className="visually-hidden">Search keys</span>
          <input className="input" type="search" value={query.text} placeholder="Search label, exchange, key…" onChange={(event) => set({ text: event.currentTarget.value })} />
        </label>
        <div className="key-list__filters">
          <select className="input" aria-label="Exchange" value={query.exchange} onChange={(event) => set({ exchange: event.currentTarget.value })}>
            <option value="all">All exchanges</option>
            {exchanges.map((exchange) => <option key={exchange.id} value={exchange.id}>{exchange.name}</option>)}
          </select>
          <select className="input" aria-label="Live or testnet" value={query.environment} onChange={(event) => set({ environment: event.currentTarget.value as KeyListQuery['environment'] })}>
            <option value="all">Live and testnet</option>
            <option value="live">Live only</option>
            <option value="testnet">Testnet only</option>
          </select>
          <select className="input" aria-label="State" value={query.state} onChange={(event) => set({ state: event.currentTarget.value as KeyListQuery['state'] })}>
            <option value="all">Any state</option>
            {keyStates.map((state) => <option key={state} value={state}>{keyStateWords[state].word}</option>)}
          </select>
          <select className="input" aria-label="Sort" value={query.sort} onChange={(event) => set({ sort: event.currentTarget.value as KeyListQuery['sort'] })}>
            {keySorts.map((sort) => <option key={sort} value={sort}>{keySortWords[sort]}</option>)}
          </select>
        </div>
        <p className="key-list__count muted small" role="status">{keys.length === total ? `${total} ${total === 1 ? 'key' : 'keys'}` : `${keys.length} of ${total} keys`}</p>
      </div>
      {keys.length === 0 ? <p className="muted key-list__none">No key matches. Clear the search or the filters to see them all.</p> : null}
      <div
        ref={scroller}
        className="key-list__scroller"
        role="listbox"
        aria-label="Keys"
        tabIndex={0}
        hidden={keys.length === 0}
        aria-activedescendant={selectedIndex >= 0 ? `key-row-${keys[selectedIndex]?.id ?? ''}` : undefined}
        onKeyDown={move}
      >
        <div className="key-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const key = keys[row.index];
            if (!key) return null;
            return <KeyRow key={key.id} credential={key} exchangeName={exchangeName(key.provider)} selected={key.id === selectedId} top={row.start} onSelect={onSelect} position={row.index + 1} size={keys.length} />;
          })}
        </div>
      </div>
    </div>
  );
}

interface KeyRowProps {
  readonly credential: CredentialInfo;
  readonly exchangeName: string;
  readonly selected: boolean;
  readonly top: number;
  readonly position: number;
  readonly size: number;
  readonly onSelect: (id: string) => void;
}

function KeyRow({ credential, exchangeName, selected, top, position, size, onSelect }: KeyRowProps) {
  const state = keyStatePresentation(credential);
  const id = `key-row-${credential.id}`;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={size}
      className={selected ? 'key-row key-row--selected' : 'key-row'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onSelect(credential.id)}
    >
      <ExchangeInitial id={credential.provider} name={exchangeName} />
      <span className="key-row__text">
        <span className="key-row__label" title={credential.label}>{credential.label}</span>
        <span className="key-row__line">
          <span className="key-row__meta" title={`${exchangeName} · ${credential.environment === 'live' ? 'Live' : 'Testnet'} · ${credential.preview}`}>
            {exchangeName} · {credential.environment === 'live' ? 'Live' : 'Testnet'} · <span className="mono">{credential.preview}</span>
          </span>
          <span className="key-row__state" title={state.meaning}>
            <Badge tone={state.tone}><StatusIcon state={state.state} />{state.label}</Badge>
          </span>
        </span>
      </span>
    </div>
  );
}
