/** Live or testnet: live keys trade real money, so the choice is explicit and spelled out. */
import type { Environment } from '../../api/contract-types';

interface EnvironmentChoiceProps {
  readonly value: Environment;
  readonly onChange: (environment: Environment) => void;
  readonly testnetAvailable: boolean;
}

export function EnvironmentChoice({ value, onChange, testnetAvailable }: EnvironmentChoiceProps) {
  return (
    <fieldset className="segmented-field">
      <legend className="field__label">Environment</legend>
      <div className="segmented">
        <label className="segmented__option">
          <input type="radio" name="environment" value="live" checked={value === 'live'} onChange={() => onChange('live')} />
          <span className="segmented__text">
            <span className="segmented__title">Live</span>
            <span className="segmented__detail">Real account, real money</span>
          </span>
        </label>
        <label className={testnetAvailable ? 'segmented__option' : 'segmented__option segmented__option--disabled'}>
          <input type="radio" name="environment" value="testnet" checked={value === 'testnet'} disabled={!testnetAvailable} onChange={() => onChange('testnet')} />
          <span className="segmented__text">
            <span className="segmented__title">Testnet</span>
            <span className="segmented__detail">{testnetAvailable ? 'Practice account, test funds' : 'This exchange has no testnet'}</span>
          </span>
        </label>
      </div>
    </fieldset>
  );
}
