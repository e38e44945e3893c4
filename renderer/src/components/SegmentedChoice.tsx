/**
 * A row of radio buttons that looks like a segmented switch (buy / sell, market / limit): one
 * labelled group, arrow keys move between the options as in any radio group.
 */
export interface SegmentedChoiceProps<T extends string> {
  readonly legend: string;
  readonly name: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly tone?: 'sides';
  /** The legend is read out but not shown, where the options speak for themselves (a tab-like switch in a head). */
  readonly hideLegend?: boolean;
}

export function SegmentedChoice<T extends string>({ legend, name, value, options, onChange, tone, hideLegend = false }: SegmentedChoiceProps<T>) {
  return (
    <fieldset className="switch-field">
      <legend className={hideLegend ? 'visually-hidden' : 'field__label'}>{legend}</legend>
      <div className={tone === 'sides' ? 'switch switch--sides' : 'switch'}>
        {options.map((option) => (
          <label key={option.value} className={`switch__option switch__option--${option.value}`}>
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
