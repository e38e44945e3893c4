/**
 * Removes secrets from text we store or answer with. Values from an alert (account, symbol, id) are
 * echoed in messages and stored with the event; a user who pasted a token or an exchange secret into
 * one of them must not find it in the event list, the audit log, a reply or the database file.
 * - Webhook tokens: words whose hash matches a known token hash (so ordinary ids are left alone).
 * - Anything shaped like an API secret (32 or more letters, digits, +, / or =, as Binance, Bybit,
 *   OKX and Coinbase secrets and PEM bodies are): hidden, whatever it is. Labels, symbols and the
 *   generated alert ids never look like that.
 */
import { hashToken, TOKEN_LENGTH } from './webhook-token';

const RUN = /[A-Za-z0-9_-]{22,}/g;
const SECRET_SHAPED = /[A-Za-z0-9+/=]{32,}/g;

export class SecretRedactor {
  readonly #hashes: ReadonlySet<string>;

  constructor(tokenHashes: Iterable<string>) {
    this.#hashes = new Set(tokenHashes);
  }

  redact(text: string): string {
    const shaped = text.replace(SECRET_SHAPED, '[hidden]');
    if (this.#hashes.size === 0) return shaped;
    return shaped.replace(RUN, (run) => {
      let out = run;
      // A token may sit inside a longer run of token characters ("x-<token>"): check every window.
      for (let start = 0; start + TOKEN_LENGTH <= out.length; start += 1) {
        if (this.#hashes.has(hashToken(out.slice(start, start + TOKEN_LENGTH)))) {
          out = `${out.slice(0, start)}[redacted]${out.slice(start + TOKEN_LENGTH)}`;
        }
      }
      return out;
    });
  }

  /** Redacts every string inside a JSON-like value (keys too). */
  redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
      for (const [key, item] of Object.entries(value)) Object.defineProperty(out, this.redact(key), { value: this.redactValue(item), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }
}
