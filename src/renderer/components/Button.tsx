import type { ButtonHTMLAttributes, Ref } from 'react';
import { classNames } from './class-names';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'md' | 'sm';
  /** Shows a spinner and sets aria-busy; the label should say what is happening. */
  busy?: boolean;
  /** To move focus to the button (React 19 passes refs to function components as a prop). */
  ref?: Ref<HTMLButtonElement>;
}

/** The one button of the app; defaults to type="button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', size = 'md', busy = false, className, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={classNames('button', `button--${variant}`, size === 'sm' && 'button--sm', className)}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
