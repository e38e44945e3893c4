/**
 * What a person pastes to name a Polymarket market: a slug, a polymarket.com link
 * (`/event/<event>/<market>`, `/event/<slug>`, `/market/<slug>`, with any query or fragment), or an
 * outcome token id (decimal uint256). Anything else is refused in plain words. Then: which outcome
 * token a "Yes", "No" or outcome name means.
 */
import { KeywardenError } from '../errors';

export type MarketReference =
  | { readonly kind: 'slug'; readonly slug: string; readonly eventSlug: string | null }
  | { readonly kind: 'event'; readonly eventSlug: string }
  | { readonly kind: 'token'; readonly tokenId: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UINT256_LIMIT = 1n << 256n;

export function readMarketReference(input: string): MarketReference {
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    if (text.length > 78 || BigInt(text) >= UINT256_LIMIT || /^0\d/.test(text)) throw refused();
    return { kind: 'token', tokenId: text };
  }
  if (/^(https?:\/\/)?([a-z0-9-]+\.)*polymarket\.com(\/|$)/i.test(text)) return fromLink(text);
  // A 0x… hex string is a condition id or an address, not a slug: refused rather than looked up.
  if (SLUG.test(text) && !/^0x[0-9a-f]*$/.test(text) && text.length <= 200) return { kind: 'slug', slug: text, eventSlug: null };
  throw refused();
}

function fromLink(text: string): MarketReference {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw refused();
  }
  if (!/^([a-z0-9-]+\.)*polymarket\.com$/i.test(url.hostname)) throw refused();
  // Localised links put a language first (/fr/event/…); the rest reads the same.
  const parts = url.pathname.split('/').filter((part) => part !== '').map((part) => decodeURIComponent(part).toLowerCase());
  const start = parts.findIndex((part) => part === 'event' || part === 'market');
  const [kind, first, second] = start === -1 ? [] : parts.slice(start);
  if (kind === 'market' && first !== undefined && SLUG.test(first) && second === undefined) return { kind: 'slug', slug: first, eventSlug: null };
  if (kind === 'event' && first !== undefined && SLUG.test(first)) {
    if (second === undefined) return { kind: 'event', eventSlug: first };
    if (SLUG.test(second)) return { kind: 'slug', slug: second, eventSlug: first };
  }
  throw refused();
}

function refused(): KeywardenError {
  return new KeywardenError(
    'INVALID_INPUT',
    'That is not a Polymarket market: paste its link (polymarket.com/event/…), its slug (will-it-rain-tomorrow) or an outcome token id (a long decimal number).',
  );
}

/** The token id of the named outcome ("Yes", "no", "Trump"…), case and spaces ignored. */
export function outcomeTokenId(outcomes: readonly { readonly tokenId: string; readonly outcome: string }[], wanted: string): string {
  const key = wanted.trim().toLowerCase();
  const match = outcomes.filter((entry) => entry.outcome.trim().toLowerCase() === key);
  if (match.length !== 1) {
    const names = outcomes.map((entry) => entry.outcome).join(', ');
    throw new KeywardenError('INVALID_INPUT', `This market has no single outcome called that; its outcomes are: ${names}.`);
  }
  return match[0]!.tokenId;
}

/** Gamma's paired lists (outcomes[i] is traded as clobTokenIds[i]) as outcome entries. */
export function gammaOutcomes(market: { readonly outcomes: readonly string[]; readonly clobTokenIds: readonly string[] }): { tokenId: string; outcome: string }[] {
  if (market.outcomes.length !== market.clobTokenIds.length) throw new KeywardenError('SERVICE_UNREACHABLE', 'Polymarket listed this market\u2019s outcomes and tokens in a way Keywarden does not understand.');
  return market.outcomes.map((outcome, index) => ({ outcome, tokenId: market.clobTokenIds[index]! }));
}
