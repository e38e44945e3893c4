/**
 * Everything the last check learned about what a key may do, one line per permission. A permission
 * the exchange did not report says so, rather than guessing.
 */
import { Badge, type BadgeTone } from '../../components/Badge';
import type { KeyPermissions } from '../../api/contract-types';
import { formatDate } from '../../format/dates';
import { permissionWord, riskyWhenOn, type PermissionName } from '../../../../electron/shared/key-vocabulary';

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

/** One permission in the glossary's words (docs/glossary.md), coloured by which side is the risky one. */
function word(name: PermissionName, value: boolean | null): { value: string; tone: BadgeTone } {
  const text = permissionWord(name, value);
  if (text === null) return { value: 'Not reported', tone: 'neutral' };
  if (riskyWhenOn[name] === true) return { value: text, tone: value ? 'danger' : 'success' };
  if (name === 'ipRestricted') return { value: text, tone: value ? 'success' : 'warning' };
  if (name === 'internalTransfer') return { value: text, tone: value ? 'warning' : 'success' };
  return { value: text, tone: value || name === 'futures' ? 'neutral' : 'warning' };
}

function rows(permissions: KeyPermissions): Row[] {
  return [
    { name: 'Read balances', ...word('read', permissions.read) },
    { name: 'Spot trading', ...word('trade', permissions.trade) },
    { name: 'Withdrawals', ...word('withdraw', permissions.withdraw) },
    { name: 'Transfers between its accounts', ...word('internalTransfer', permissions.internalTransfer) },
    { name: 'Transfers to other accounts', ...word('universalTransfer', permissions.universalTransfer) },
    { name: 'Futures', ...word('futures', permissions.futures) },
    // Margin has no glossary word yet: the exchanges report it beside spot trading.
    { name: 'Margin', value: permissions.margin === null ? 'Not reported' : permissions.margin ? 'Can trade on margin' : 'No margin', tone: 'neutral' },
    { name: 'IP allow-list', ...word('ipRestricted', permissions.ipRestricted) },
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
