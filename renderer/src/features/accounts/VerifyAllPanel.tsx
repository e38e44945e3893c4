/**
 * "Verify all": while the exchanges are asked, how many keys are checked so far (each key's card
 * shows its new state as soon as its exchange answered); then one line per account with its
 * outcome, the plain message and what to do.
 */
import { useEffect, useRef } from 'react';
import { Badge } from '../../components/Badge';
import type { VerificationResult } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { isAiProviderId } from '../../../../electron/shared/ai-providers';
import { keyStateSummary } from '../../../../electron/shared/key-vocabulary';
import { ToneIcon } from '../../components/StatusIcon';
import { useProviderName } from './use-provider-name';
import { checkBadge, warningPresentation } from './verification-presentation';

export function VerifyAllPanel() {
  const run = useCredentials((state) => state.verifyAllRun);
  const dismiss = useCredentials((state) => state.dismissVerifyAll);
  // Verify all checks AI keys too: then they are not all exchanges.
  const withAiKeys = useCredentials((state) => state.items.some((item) => item.kind === 'ai'));
  const heading = useRef<HTMLHeadingElement>(null);

  // When the results arrive, move focus to them: the button that started the run was disabled.
  useEffect(() => {
    if (run.state === 'done' || run.state === 'failed') heading.current?.focus();
  }, [run.state]);

  if (run.state === 'idle') return null;
  if (run.state === 'running') {
    // A key added meanwhile may be checked too: never show more done than asked.
    const done = Math.min(run.checked.length, run.count);
    return (
      <section className="panel verify-run" aria-label="Verify all" aria-busy="true">
        <p className="verify-run__title" role="status">
          Checking {run.count} key{run.count === 1 ? '' : 's'} with {run.count === 1 ? 'its' : 'their'} {withAiKeys ? 'provider' : 'exchange'}{run.count === 1 ? '' : 's'}… {done} of {run.count} done
        </p>
        <progress className="busy-bar" aria-label="Keys checked" value={done} max={Math.max(run.count, 1)} />
        <p className="muted small">Each check is a signed request to the exchange. A key&apos;s card shows its new state as soon as its exchange answers; the summary follows when every exchange has (at most a few seconds each).</p>
      </section>
    );
  }
  if (run.state === 'failed') {
    return (
      <section className="panel verify-run" aria-labelledby="verify-all-title">
        <h2 className="verify-run__title" id="verify-all-title" ref={heading} tabIndex={-1}>The keys could not be checked</h2>
        <div className="callout callout--danger" role="alert">{run.error.message}</div>
        <div className="form-actions">
          <button type="button" className="button button--secondary button--small" onClick={dismiss}>Close</button>
        </div>
      </section>
    );
  }

  const { results } = run;
  const blocked = results.filter((result) => result.tradingBlock !== null).length;
  return (
    <section className="panel verify-run" aria-labelledby="verify-all-title">
      <div className="verify-run__head">
        <div>
          <h2 className="verify-run__title" id="verify-all-title" ref={heading} tabIndex={-1}>
            Checked {results.length} key{results.length === 1 ? '' : 's'}
          </h2>
          <p className="muted small" role="status">
            {results.length === 0 ? 'There are no keys to check.' : null}
            {/* Counted in the glossary's state words: a key whose trading is blocked is never among the working ones. */}
            {results.length > 0 ? `${keyStateSummary(results)}.` : null}
            {blocked > 0 ? ` Keywarden will not trade with ${blocked === 1 ? 'the blocked key' : `the ${blocked} blocked keys`} until you review ${blocked === 1 ? 'it' : 'them'}.` : null}
          </p>
        </div>
        <button type="button" className="button button--secondary button--small" onClick={dismiss}>Close</button>
      </div>
      <ul className="verify-run__list" aria-label="Results">
        {results.map((result) => <ResultLine key={result.credentialId} result={result} />)}
      </ul>
    </section>
  );
}

function ResultLine({ result }: { readonly result: VerificationResult }) {
  const exchangeName = useProviderName(result.provider);
  const badge = checkBadge(result.outcome, result.tradingBlock);
  return (
    <li className="verify-line" aria-label={result.label}>
      <div className="verify-line__who">
        <span className="verify-line__label">{result.label}</span>
        <span className="muted small">{exchangeName}{isAiProviderId(result.provider) ? '' : ` · ${result.environment}`}</span>
      </div>
      <div className="verify-line__badges">
        <Badge tone={badge.tone}><ToneIcon tone={badge.tone} />{badge.label}</Badge>
        {result.warnings.map((warning) => <Badge key={warning.code} tone={warningPresentation[warning.code].tone}>{warningPresentation[warning.code].label}</Badge>)}
      </div>
      <div className="verify-line__text">
        <p>{result.message}</p>
        {result.action ? <p className="muted"><strong>What to do:</strong> {result.action}</p> : null}
      </div>
    </li>
  );
}
