/**
 * A labelled form control with an optional hint, warning and error, wired for screen readers: the
 * control is described by all three, and marked invalid while there is an error. A warning says
 * something looks unusual without stopping the form.
 */
import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}

interface FieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | null | undefined;
  readonly warning?: string | null | undefined;
  /** Renders the control with the ids this field gives it. */
  readonly children: (control: FieldControlProps) => ReactNode;
}

export function Field({ label, hint, error, warning, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const warningId = `${id}-warning`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, warning ? warningId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? <div className="field__hint" id={hintId}>{hint}</div> : null}
      {warning ? <div className="field__warning" id={warningId}>{warning}</div> : null}
      {error ? <div className="field__error" id={errorId}>{error}</div> : null}
    </div>
  );
}
