/**
 * The icon beside a key's state word (issue 21: no icons anywhere). Decorative: the word next to it
 * carries the meaning, so the icon is hidden from screen readers and never the only signal.
 */
import { Ban, CircleCheck, CirclePause, CircleX, Clock, CircleHelp, ShieldAlert, type LucideIcon } from 'lucide-react';
import type { KeyState } from '../../../electron/shared/key-vocabulary';

const icons: Readonly<Record<KeyState, LucideIcon>> = {
  working: CircleCheck,
  'trading-blocked': ShieldAlert,
  'not-working': CircleX,
  expired: Clock,
  revoked: Ban,
  disabled: CirclePause,
  'not-checked': CircleHelp,
};

export function StatusIcon({ state, size = 14 }: { readonly state: KeyState; readonly size?: number }) {
  const Icon = icons[state];
  return <Icon size={size} aria-hidden="true" focusable="false" className="status-icon" />;
}
