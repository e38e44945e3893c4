/**
 * Choosing who a key belongs to, an exchange or an AI provider: a search box over the list, in the
 * order the core sends it, each option with what the key will need. Enter in the search box picks
 * the first match.
 */
import { useId, useMemo, useState } from 'react';

export interface PickerOption {
  readonly id: string;
  readonly name: string;
}

interface ProviderPickerProps<T extends PickerOption> {
  readonly options: readonly T[];
  readonly onPick: (option: T) => void;
  /** "Exchange", "AI provider": the search box's label. */
  readonly label: string;
  /** "Exchanges", "AI providers": the list's name. */
  readonly listLabel: string;
  /** One and many: "exchange" and "exchanges", for the count under the box. */
  readonly noun: readonly [one: string, many: string];
  /** A line under the option's name: the fields its keys have. */
  readonly detail: (option: T) => string;
  /** A short tag after the name, or null. */
  readonly tag?: (option: T) => string | null;
}

export function ProviderPicker<T extends PickerOption>({ options, onPick, label, listLabel, noun, detail, tag = () => null }: ProviderPickerProps<T>) {
  const id = useId();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (needle === '') return options;
    return options.filter((option) => option.name.toLowerCase().includes(needle) || option.id.includes(needle));
  }, [options, query]);
  const searchId = `${id}-search`;
  const countId = `${id}-count`;
  const listId = `${id}-options`;

  return (
    <div className="exchange-picker">
      <label className="field__label" htmlFor={searchId}>{label}</label>
      <input
        id={searchId}
        className="input"
        type="search"
        placeholder={`Search ${noun[1]}`}
        autoComplete="off"
        spellCheck={false}
        autoFocus
        value={query}
        aria-controls={listId}
        aria-describedby={countId}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          const first = matches[0];
          if (event.key === 'Enter' && first) {
            event.preventDefault();
            onPick(first);
          }
        }}
      />
      <p className="field__hint" id={countId} aria-live="polite">
        {matches.length === 0 ? `No ${noun[0]} matches “${query.trim()}”.` : `${matches.length} ${matches.length === 1 ? noun[0] : noun[1]}`}
      </p>
      <ul className="exchange-picker__list" id={listId} aria-label={listLabel}>
        {matches.map((option) => {
          const optionTag = tag(option);
          return (
            <li key={option.id}>
              <button type="button" className="exchange-option" onClick={() => onPick(option)}>
                <span className="exchange-option__name">{option.name}</span>
                {optionTag ? <span className="exchange-option__tag">{optionTag}</span> : null}
                <span className="exchange-option__fields">{detail(option)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
