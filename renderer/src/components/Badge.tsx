/** A short, coloured label: an environment, a status, a permission. The text alone carries the meaning. */
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export function Badge({ tone, children }: { readonly tone: BadgeTone; readonly children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
