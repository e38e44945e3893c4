/**
 * What the last check of a Polymarket account found: this session's check (with the core's "what to
 * do"), else the newest stored one, with what to do for the outcomes that need something done.
 */
import type { CredentialInfo } from '../../api/contract-types';
import { useCredentials } from '../../stores/store-hooks';
import { VerificationResultView } from '../accounts/VerificationResultView';
import { polymarketAdvice } from './polymarket-presentation';

export function LastCheck({ credential }: { readonly credential: CredentialInfo }) {
  const check = useCredentials((state) => state.checks[credential.id]);
  const latest = useCredentials((state) => state.histories[credential.id]?.value?.verifications[0]);
  if (check) return <VerificationResultView outcome={check.outcome} message={check.message} action={check.action ?? polymarketAdvice[check.outcome] ?? null} at={check.verifiedAt} latencyMs={check.latencyMs} tradingBlock={credential.tradingBlock} />;
  if (latest) return <VerificationResultView outcome={latest.outcome} message={latest.message} action={polymarketAdvice[latest.outcome] ?? null} at={latest.at} latencyMs={latest.latencyMs} tradingBlock={credential.tradingBlock} />;
  return credential.status === 'revoked' ? null : <p className="muted small">Not checked yet: press Verify to sign in to Polymarket and read the funder’s pUSD.</p>;
}
