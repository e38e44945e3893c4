/**
 * The one error family of Keywarden. Every failure a user can meet is a KeywardenError with a
 * stable `code` and a plain `message` that says what happened and what to do. The same code and
 * message reach the UI, the CLI, webhook replies and the audit log. Messages never contain secret
 * values: they name fields, never echo what was typed into them.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'VAULT_NOT_INITIALIZED',
  'VAULT_ALREADY_INITIALIZED',
  'VAULT_LOCKED',
  'WRONG_PASSPHRASE',
  'UNLOCK_THROTTLED',
  'WEAK_PASSPHRASE',
  'PASSPHRASE_REQUIRED',
  'PROTECTOR_UNAVAILABLE',
  'PROTECTOR_EXISTS',
  'PROTECTOR_NOT_FOUND',
  'LAST_PROTECTOR',
  'INSECURE_KEYCHAIN',
  'KEYCHAIN_CHANGED',
  'DECRYPT_FAILED',
  'UNKNOWN_PROVIDER',
  'MISSING_FIELD',
  'MALFORMED_FIELD',
  'UNEXPECTED_FIELD',
  'DUPLICATE_KEY',
  'DUPLICATE_LABEL',
  'CREDENTIAL_NOT_FOUND',
  'CREDENTIAL_REVOKED',
  'SAME_KEY',
  'ROTATION_VERIFY_FAILED',
  'KEY_REFUSED',
  'NO_RETIRED_KEY',
  'EXCHANGE_CHECK_FAILED',
  /** No connection, no answer in time, or a 5xx / maintenance answer: nothing about the key or order is known from it. */
  'EXCHANGE_UNREACHABLE',
  // An exchange account's outbound proxy (issue 20) could not be reached: named by host and port, never its password.
  'PROXY_UNREACHABLE',
  /** An AI provider could not be reached (no connection, no answer in time, or it answered with trouble of its own). */
  'SERVICE_UNREACHABLE',
  'PERMISSIONS_UNKNOWN',
  'SCHEMA_TOO_NEW',
  'DATABASE_CORRUPT',
  'DATABASE_UNAVAILABLE',
  'CONFIG_INVALID',
  'EXCHANGE_LIBRARY_UNAVAILABLE',
  'INVALID_SYMBOL',
  'FUTURES_NOT_SUPPORTED',
  /** Leverage above the person's own limit, or leverage sent by an alert (only the person sets it). */
  'LEVERAGE_REFUSED',
  /** A close asked for a position the account does not hold: nothing was sent. */
  'NO_POSITION',
  'ORDER_TOO_SMALL',
  'PRICE_UNAVAILABLE',
  /** The exchange did not tell the account's balance, so an order could not be checked against it. */
  'BALANCE_UNAVAILABLE',
  'ORDER_NOT_FOUND',
  /** No open position drift has this id (dismissed, brought in line, or never found). */
  'DRIFT_NOT_FOUND',
  'ORDER_NOT_CANCELABLE',
  /** A reversal waited for the previous order on the market to settle, and it did not in time. */
  'ORDER_NOT_SETTLED',
  /** Revoking or deleting a key stopped: some of its open orders could not be canceled on the exchange. */
  'OPEN_ORDERS_NOT_CANCELED',
  'BACKUP_INVALID',
  'BACKUP_DAMAGED',
  'BACKUP_WRONG_PASSPHRASE',
  'BACKUP_TOO_NEW',
  'BACKUP_EXISTS',
  'FILE_UNREADABLE',
  'FILE_UNWRITABLE',
  'ENV_FILE_INVALID',
  /** The system file dialog exists only in the desktop app's window. */
  'FILE_CHOOSER_UNAVAILABLE',
  /** A file handle that is unknown, expired, already used, or chosen for something else. */
  'FILE_HANDLE_INVALID',
  /** Input the app's window may not send (a typed file path): only the main process decides it. */
  'REFUSED_FROM_WINDOW',
  'WEBHOOK_SOURCE_NOT_FOUND',
  'WEBHOOK_UNAUTHORIZED',
  'WEBHOOK_SOURCE_DISABLED',
  /** An alert source without at least one account and a per-order cap: it may not be enabled, and refuses alerts. */
  'WEBHOOK_SOURCE_INCOMPLETE',
  'WEBHOOK_IP_NOT_ALLOWED',
  'WEBHOOK_RATE_LIMITED',
  'WEBHOOK_BODY_TOO_LARGE',
  'WEBHOOK_NOT_FOUND',
  'WEBHOOK_METHOD_NOT_ALLOWED',
  'WEBHOOK_LISTENER_FAILED',
  /** The AI gateway could not start (its port is taken, or its address is not this computer's). */
  'GATEWAY_FAILED',
  'ALERT_MALFORMED',
  'ALERT_STALE',
  'ALERT_OUT_OF_SCOPE',
  'TRADING_PAUSED',
  /** A row that decides whether money moves was changed outside Keywarden (its MAC fails): not used, trading paused. */
  'INTEGRITY_ALARM',
  /** A channel called from a transport its spec does not allow (e.g. the file dialog from the CLI). */
  'CALLER_REFUSED',
  /** A contract call from a frame that is not the Keywarden window (refused without detail). */
  'IPC_SENDER_REFUSED',
  /** The agent's data folder or socket is open to other users, or something else sits at the socket's path. */
  'AGENT_NOT_SAFE',
  /** A program connected to the agent but could not prove it runs as the agent's user (it cannot read the agent token). */
  'AGENT_CLIENT_REFUSED',
  /** An agent already serves this data folder. */
  'AGENT_ALREADY_RUNNING',
  /** A command that needs the agent (lock, agent stop) found none answering. */
  'AGENT_NOT_RUNNING',
  /** An order, market read or alert scope named a key that is not an exchange key (an AI provider key). */
  'NOT_AN_EXCHANGE_KEY',
  /** A key that may not be handed to a program: not allowed for programs, revoked, expired or blocked. */
  'KEY_NOT_RELEASABLE',
  /** A reference (keywarden://key/field) names a field the key does not have. */
  'CREDENTIAL_FIELD_NOT_FOUND',
  /** The person denied a program a key in the desktop app, or nobody answered in time. */
  'RELEASE_DENIED',
  /** An answer to a release request that is no longer waiting (answered, timed out, vault locked). */
  'RELEASE_NOT_WAITING',
  /** `keywarden run`: the command was not found, or could not be executed. */
  'COMMAND_NOT_FOUND',
  'COMMAND_NOT_EXECUTABLE',
  /** A wallet key and the address typed with it disagree (both addresses are public and named in the message). */
  'ADDRESS_MISMATCH',
  /** A prediction market (Polymarket) named by slug, URL or token id that does not exist or is closed. */
  'MARKET_NOT_FOUND',
  /** A service refused this computer's region (Polymarket's geoblock). */
  'REGION_BLOCKED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure the user can act on. `details` carries structured, non-secret facts (field name, retry time). */
export class KeywardenError extends Error {
  override readonly name: string = 'KeywardenError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: ErrorCode, message: string, details: Record<string, string | number | boolean> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The serialisable form sent over IPC, printed by the CLI and written to the audit log. */
  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(Object.keys(this.details).length ? { details: { ...this.details } } : {}) };
  }
}

/** Raised when a ciphertext cannot be opened: wrong key, a flipped bit, or a blob moved to another row or field. */
export class DecryptError extends KeywardenError {
  override readonly name = 'DecryptError';
  constructor(what: string) {
    super(
      'DECRYPT_FAILED',
      `The stored ${what} could not be decrypted: it was changed, moved or encrypted under another key. Restore it from a backup or add it again.`,
    );
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number | boolean>;
}

/**
 * Turns anything thrown into something safe to show. Unknown errors become INTERNAL with a fixed
 * message: their text may come from a library that echoed a request (and so a key) back at us.
 */
export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof KeywardenError) return error.toJSON();
  return { code: 'INTERNAL', message: 'Something went wrong inside Keywarden. Nothing was changed; try again, and report it if it keeps happening.' };
}

export function isKeywardenError(error: unknown, code?: ErrorCode): error is KeywardenError {
  return error instanceof KeywardenError && (code === undefined || error.code === code);
}
