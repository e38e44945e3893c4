/** Four bars and a word for how strong a new passphrase looks, with what to do about it. */
import type { PassphraseStrength } from './passphrase-strength';

const SEGMENTS = [1, 2, 3, 4] as const;

export function PassphraseStrengthMeter({ strength }: { readonly strength: PassphraseStrength }) {
  return (
    <div className="strength" data-level={strength.level}>
      <div className="strength__bars" role="meter" aria-label="Passphrase strength" aria-valuemin={0} aria-valuemax={4} aria-valuenow={strength.level} aria-valuetext={strength.label}>
        {SEGMENTS.map((segment) => (
          <span key={segment} className={segment <= strength.level ? 'strength__bar strength__bar--on' : 'strength__bar'} />
        ))}
      </div>
      <p className="strength__text">
        <strong className="strength__label">{strength.label}.</strong> {strength.advice}
      </p>
    </div>
  );
}
