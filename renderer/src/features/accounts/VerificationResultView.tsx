/**
 * What a verification found, in plain words: the outcome, the exchange's answer as a sentence, and
 * what to do about it. Warnings (other than the blocking ones, which have their own callout) follow
 * as a list, each with a short label and its explanation.
 */
import { Badge } from '../../components/Badge';
import { ToneIcon } from '../../components/StatusIcon';
import type { VerificationOutcome, VerificationWarning } from '../../api/contract-types';
import { formatDateTime } from '../../format/dates';
import { blockingWarnings, checkBadge, warningPresentation } from './verification-presentation';

interface VerificationResultViewProps {
  readonly outcome: VerificationOutcome;
  readonly message: string;
  readonly action: string | null;
  readonly at: number;
  readonly latencyMs?: number;
  /** The key's trading block now: a passed check on a blocked key does not read "OK" (checkBadge). */
  readonly tradingBlock: string | null;
}

export function VerificationResultView({ outcome, message, action, at, latencyMs, tradingBlock }: VerificationResultViewProps) {
  const presentation = checkBadge(outcome, tradingBlock);
  return (
    <div className={`check-result check-result--${presentation.tone}`}>
      <div className="check-result__head">
        <span className="check-result__title">Last check</span>
        <Badge tone={presentation.tone}><ToneIcon tone={presentation.tone} />{presentation.label}</Badge>
        <span className="check-result__when muted">
          {formatDateTime(at)}
          {latencyMs !== undefined && latencyMs > 0 ? ` · ${latencyMs} ms` : null}
        </span>
      </div>
      <p className="check-result__message">{message}</p>
      {action ? (
        <p className="check-result__action">
          <strong>What to do: </strong>
          {action}
        </p>
      ) : null}
    </div>
  );
}

/** The warnings worth a line each; the withdraw and widened-permission ones are shown elsewhere. */
export function KeyWarnings({ warnings }: { readonly warnings: readonly VerificationWarning[] }) {
  const shown = warnings.filter((warning) => !blockingWarnings.has(warning.code));
  if (shown.length === 0) return null;
  return (
    <ul className="key-warnings" aria-label="Warnings">
      {shown.map((warning) => (
        <li key={warning.code} className="key-warnings__item">
          <Badge tone={warningPresentation[warning.code].tone}>{warningPresentation[warning.code].label}</Badge>
          <span className="key-warnings__text">{warning.message}</span>
        </li>
      ))}
    </ul>
  );
}
