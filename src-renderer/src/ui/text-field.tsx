import { useId } from 'react';

/** A labelled text input with its hint and error tied to it for screen readers (aria-describedby). */
export interface TextFieldProps {
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  value: string;
  onChange(value: string): void;
  testId: string;
  type?: 'text' | 'url' | 'password';
  list?: string;
  /** Names, tenants and ids are not words: no spelling marks, no capitals added. */
  plain?: boolean;
}

export function TextField({ label, hint, error, required, value, onChange, testId, type = 'text', list, plain }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        list={list}
        autoComplete="off"
        spellCheck={plain ? false : undefined}
        autoCapitalize={plain ? 'off' : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
