import type { RefObject } from 'react';
import { Field } from '../../components/Field';

interface ApiKeyFieldProps {
  /** The form reads the key from here at submit and then empties it; the key is never component state. */
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  help: string;
  disabled: boolean;
  invalid: boolean;
}

/** A password field for an API key: uncontrolled, unsaved by the browser, unchecked by its spellchecker. */
export function ApiKeyField({ inputRef, label, help, disabled, invalid }: ApiKeyFieldProps) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => (
        <input
          id={id}
          ref={inputRef}
          name="apiKey"
          type="password"
          className="input input--mono"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          dir="ltr"
          maxLength={4096}
          data-testid="account-api-key"
        />
      )}
    </Field>
  );
}
