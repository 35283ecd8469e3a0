import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  help?: string | undefined;
  /** Renders the control with the ids that tie it to its label and help text. */
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}

/** A label, a control and an optional help line, wired together for screen readers. */
export function Field({ label, help, children }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: help ? helpId : undefined })}
      {help && (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
