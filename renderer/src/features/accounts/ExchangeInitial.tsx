/** A round badge with the exchange's initial, in a colour fixed per exchange so lists scan quickly. */
const HUES = 8;
/** The two first-class exchanges get their own brand-like colours. */
const BRAND_TONES: Readonly<Record<string, string>> = { binance: 'binance', bybit: 'bybit' };

function hueOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % HUES;
}

export function ExchangeInitial({ id, name }: { readonly id: string; readonly name: string }) {
  return (
    <span className={`exchange-initial exchange-initial--${BRAND_TONES[id] ?? `hue-${hueOf(id)}`}`} aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
