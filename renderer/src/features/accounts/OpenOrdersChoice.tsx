/**
 * In the revoke and delete dialogs: the orders placed with the key that may still be open on its
 * exchange, and what to do with them. Canceling them first is the default: once the secret is
 * destroyed, Keywarden can never cancel or even look them up again.
 */
import type { ContractError, KeyOpenOrders, OpenOrdersChoice as Choice } from '../../api/contract-types';
import { openOrderLine } from './open-orders-presentation';

export type OpenOrdersListing =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly value: KeyOpenOrders }
  | { readonly state: 'failed'; readonly error: ContractError };

interface OpenOrdersChoiceProps {
  readonly listing: OpenOrdersListing;
  readonly choice: Choice;
  readonly onChoice: (choice: Choice) => void;
  /** "revoked" or "deleted", for "nothing is revoked". */
  readonly pastTense: string;
  /** A revoked key cannot sign: its orders can only be listed. */
  readonly keyRevoked: boolean;
}

export function OpenOrdersChoice({ listing, choice, onChoice, pastTense, keyRevoked }: OpenOrdersChoiceProps) {
  if (listing.state === 'loading') return <p className="muted" role="status">Looking for open orders placed with this key…</p>;
  if (listing.state === 'failed') return <div className="callout callout--warning" role="alert">Keywarden could not list this key’s open orders: {listing.error.message}</div>;
  const { open, unconfirmed, exchangeName } = listing.value;
  const total = open.length + unconfirmed.length;
  if (total === 0) return <p className="muted">This key has no open orders.</p>;
  const them = total === 1 ? 'it' : 'them';
  return (
    <section className="stack open-orders" aria-label="Open orders">
      <p>
        <strong>{total} open order{total === 1 ? '' : 's'} on {exchangeName}:</strong>
      </p>
      <ul className="open-orders__list">
        {open.map((order) => <li key={order.id}>{openOrderLine(order)}</li>)}
        {unconfirmed.map((order) => (
          <li key={order.id}>
            {openOrderLine(order)} <span className="muted">(may be open: Keywarden could not confirm)</span>
          </li>
        ))}
      </ul>
      {keyRevoked ? (
        <p className="muted">This key was revoked, so Keywarden cannot cancel {them}. Cancel {them} on {exchangeName} if you need to.</p>
      ) : (
        <fieldset className="choice-group">
          <legend className="choice-group__legend">What to do with {them}</legend>
          <label className="choice">
            <input type="radio" name="open-orders" value="cancel" checked={choice === 'cancel'} onChange={() => onChoice('cancel')} />
            <span className="choice__text">
              <span className="choice__title">Cancel {them} on {exchangeName} first (recommended)</span>
              <span className="choice__detail">If {total === 1 ? 'it' : 'one'} cannot be canceled, nothing is {pastTense}, and you can try again.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="open-orders" value="keep" checked={choice === 'keep'} onChange={() => onChoice('keep')} />
            <span className="choice__text">
              <span className="choice__title">Leave {them} open</span>
              <span className="choice__detail">{total === 1 ? 'It stays' : 'They stay'} on {exchangeName}, and Keywarden can no longer cancel {them}.</span>
            </span>
          </label>
        </fieldset>
      )}
    </section>
  );
}
