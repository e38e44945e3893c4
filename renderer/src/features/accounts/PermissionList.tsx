/**
 * Everything the last check learned about what a key may do, one line per permission. A permission
 * the exchange did not report says so, rather than guessing.
 */
import { Badge, type BadgeTone } from '../../components/Badge';
import type { KeyPermissions } from '../../api/contract-types';
import { formatDate } from '../../format/dates';

const sourceLabels: Readonly<Record<KeyPermissions['source'], string>> = {
  'binance-api-restrictions': 'Binance’s API restrictions',
  'binance-account': 'the Binance account endpoint (testnet: fewer details)',
  'bybit-query-api': 'Bybit’s key information',
  'balance-only': 'a balance request only: this exchange does not report key permissions',
};

interface Row {
  readonly name: string;
  readonly value: string;
  readonly tone: BadgeTone;
}

function flag(value: boolean | null, on: { readonly text: string; readonly tone: BadgeTone }, off: { readonly text: string; readonly tone: BadgeTone }): { value: string; tone: BadgeTone } {
  if (value === null) return { value: 'Not reported', tone: 'neutral' };
  return value ? { value: on.text, tone: on.tone } : { value: off.text, tone: off.tone };
}

function rows(permissions: KeyPermissions): Row[] {
  return [
    { name: 'Read balances', ...flag(permissions.read, { text: 'Yes', tone: 'neutral' }, { text: 'No', tone: 'warning' }) },
    { name: 'Spot trading', ...flag(permissions.trade, { text: 'Yes', tone: 'neutral' }, { text: 'No: cannot trade', tone: 'warning' }) },
    { name: 'Withdrawals', ...flag(permissions.withdraw, { text: 'Allowed: dangerous', tone: 'danger' }, { text: 'Off', tone: 'success' }) },
    { name: 'Internal transfers', ...flag(permissions.internalTransfer, { text: 'Allowed', tone: 'warning' }, { text: 'Off', tone: 'success' }) },
    { name: 'Universal transfers', ...flag(permissions.universalTransfer, { text: 'Allowed', tone: 'warning' }, { text: 'Off', tone: 'success' }) },
    { name: 'Futures', ...flag(permissions.futures, { text: 'Allowed', tone: 'neutral' }, { text: 'Off', tone: 'neutral' }) },
    { name: 'Margin', ...flag(permissions.margin, { text: 'Allowed', tone: 'neutral' }, { text: 'Off', tone: 'neutral' }) },
    { name: 'IP allow-list', ...flag(permissions.ipRestricted, { text: 'Restricted', tone: 'success' }, { text: 'Any IP', tone: 'warning' }) },
    { name: 'Expires', value: permissions.expiresAt === null ? 'No expiry reported' : formatDate(permissions.expiresAt), tone: 'neutral' },
  ];
}

export function PermissionList({ permissions }: { readonly permissions: KeyPermissions | null }) {
  if (permissions === null) return <p className="muted">Not checked yet. Verify the key to see what it may do.</p>;
  return (
    <>
      <dl className="permission-list">
        {rows(permissions).map((row) => (
          <div key={row.name} className="permission-list__row">
            <dt>{row.name}</dt>
            <dd><Badge tone={row.tone}>{row.value}</Badge></dd>
          </div>
        ))}
      </dl>
      <p className="muted small">As reported by {sourceLabels[permissions.source]}.</p>
    </>
  );
}
