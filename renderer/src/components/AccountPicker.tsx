/**
 * A searchable account picker (issue 21: Trade's picker was a 30-item native select with cut labels).
 * The ARIA 1.2 combobox pattern: a text box with a popup listbox; typing filters, arrows move,
 * Enter picks, Escape closes (and restores the chosen account), Tab leaves. The focus stays in the
 * text box (aria-activedescendant). A label too long for its box is cut with an ellipsis and always
 * has its full text as a title.
 */
import { ChevronDown } from 'lucide-react';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import './AccountPicker.css';

export interface PickableAccount {
  readonly id: string;
  readonly label: string;
  /** What else tells it apart: exchange, live/testnet, state. */
  readonly meta: string;
}

interface AccountPickerProps {
  readonly accounts: readonly PickableAccount[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  /** From a Field: the id its label points at, and what describes it. */
  readonly id?: string;
  readonly 'aria-describedby'?: string | undefined;
  readonly 'aria-invalid'?: true | undefined;
  readonly 'aria-label'?: string;
}

function matching(accounts: readonly PickableAccount[], text: string): readonly PickableAccount[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts;
  return accounts.filter((account) => {
    const haystack = `${account.label} ${account.meta}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export function AccountPicker({ accounts, value, onChange, id, ...aria }: AccountPickerProps) {
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const chosen = accounts.find((account) => account.id === value) ?? null;
  const [open, setOpen] = useState(false);
  // Null while the person has not typed: the box then shows the chosen account and the list shows all.
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => matching(accounts, text ?? ''), [accounts, text]);
  const activeAccount = open ? shown[Math.min(active, shown.length - 1)] : undefined;

  function show(from: number) {
    setOpen(true);
    setActive(from);
    list.current?.children[from]?.scrollIntoView({ block: 'nearest' });
  }

  function close() {
    setOpen(false);
    setText(null);
  }

  function pick(account: PickableAccount) {
    onChange(account.id);
    close();
  }

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    // The list is short enough to render whole; keep the active option in view.
    requestAnimationFrame(() => list.current?.children[next]?.scrollIntoView({ block: 'nearest' }));
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    const current = Math.min(active, shown.length - 1);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) return show(Math.max(0, shown.findIndex((account) => account.id === value)));
        if (!event.altKey) moveTo(current + 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) return show(Math.max(0, shown.findIndex((account) => account.id === value)));
        moveTo(current - 1);
        return;
      case 'Home':
      case 'End':
        if (!open) return;
        event.preventDefault();
        moveTo(event.key === 'Home' ? 0 : shown.length - 1);
        return;
      case 'Enter':
        // Enter picks; it never submits the form around the picker while the list is open.
        if (!open) return;
        event.preventDefault();
        if (activeAccount) pick(activeAccount);
        return;
      case 'Escape':
        if (!open && text === null) return;
        event.preventDefault();
        close();
        return;
      case 'Tab':
        close();
        return;
    }
  }

  const boxText = text ?? chosen?.label ?? '';
  return (
    <div className="key-picker">
      <input
        {...aria}
        id={inputId}
        className="input key-picker__input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeAccount ? `${listId}-${activeAccount.id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={boxText}
        title={chosen ? `${chosen.label} (${chosen.meta})` : undefined}
        placeholder="Type to find an account"
        onChange={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onClick={() => (open ? close() : show(Math.max(0, shown.findIndex((account) => account.id === value))))}
        onBlur={close}
        onKeyDown={keyDown}
      />
      <ChevronDown size={16} aria-hidden="true" className="key-picker__chevron" />
      <ul ref={list} className="key-picker__list" id={listId} role="listbox" aria-label="Accounts" hidden={!open}>
        {shown.map((account) => (
          <li
            key={account.id}
            id={`${listId}-${account.id}`}
            role="option"
            aria-selected={account === activeAccount}
            className="key-picker__option"
            title={account.label}
            // Picked on mousedown, before the text box loses the focus and closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(account);
            }}
          >
            <span className="key-picker__option-text">
              <span className="key-picker__option-label">{account.label}</span>
              <span className="key-picker__option-meta">{account.meta}{account.id === value ? ' · chosen' : ''}</span>
            </span>
          </li>
        ))}
      </ul>
      {open && shown.length === 0 ? <p className="key-picker__empty" role="status">No account matches “{text}”.</p> : null}
    </div>
  );
}
