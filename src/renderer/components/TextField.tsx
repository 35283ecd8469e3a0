import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  help?: string | undefined;
  testId?: string;
}

export function TextField({ label, help, testId, type = 'text', ...rest }: TextFieldProps) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => <input id={id} className="input" type={type} aria-describedby={describedBy} data-testid={testId} {...rest} />}
    </Field>
  );
}
