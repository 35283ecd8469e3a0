import type { SelectHTMLAttributes } from 'react';
import { Field } from './Field';

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  help?: string | undefined;
  testId?: string;
}

/** A labelled native select: native for keyboard, screen reader and mobile support, styled to match. */
export function Select({ label, help, testId, children, ...rest }: SelectProps) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => (
        <span className="select">
          <select id={id} aria-describedby={describedBy} data-testid={testId} {...rest}>
            {children}
          </select>
        </span>
      )}
    </Field>
  );
}
