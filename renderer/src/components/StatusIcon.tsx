/**
 * The icon beside a state word (issue 21: no icons anywhere). Decorative: the word next to it carries
 * the meaning, so the icon is hidden from screen readers and never the only signal. `StatusIcon` is a
 * key's state; `ToneIcon` is any other state word by its badge tone (an alert source, the listener, the
 * tunnel, a check's outcome), with the same icons keys use for the same kind of state.
 */
import { Ban, CircleCheck, CircleDot, CircleMinus, CirclePause, CircleX, Clock, CircleHelp, ShieldAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { KeyState } from '../../../electron/shared/key-vocabulary';
import type { BadgeTone } from './Badge';

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

/** OK as a working key, refused as a key that does not work, a warning, neutral, the accent. */
const toneIcons: Readonly<Record<BadgeTone, LucideIcon>> = {
  success: CircleCheck,
  danger: CircleX,
  warning: TriangleAlert,
  neutral: CircleMinus,
  accent: CircleDot,
};

/**
 * The state icon for a tone. `off` for a state that is switched off (a disabled source, the listener
 * off), as a disabled key; `waiting` for one under way (a tunnel starting), as an order being sent.
 */
export function ToneIcon({ tone, mode, size = 14 }: { readonly tone: BadgeTone; readonly mode?: 'off' | 'waiting'; readonly size?: number }) {
  const Icon = mode === 'off' ? CirclePause : mode === 'waiting' ? Clock : toneIcons[tone];
  // In a badge the icon takes the badge's colour; on a plain state line, its tone's (components.css).
  return <Icon size={size} aria-hidden="true" focusable="false" className={`status-icon status-icon--${tone}`} />;
}
